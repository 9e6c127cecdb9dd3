namespace SalesCoachBot.Slack.Tests.Fakes;

/// <summary>The form Slack posts for <c>/coach TEXT</c>: Pat in the fake workspace's sales channel unless told otherwise.</summary>
internal static class SlashCommandForm
{
    public static Dictionary<string, string> Coach(string text, string team = "T0FAKE", string user = "U0PAT") => new()
    {
        ["command"] = "/coach",
        ["text"] = text,
        ["user_id"] = user,
        ["user_name"] = "pat",
        ["team_id"] = team,
        ["channel_id"] = "C0SALES",
        ["response_url"] = "https://hooks.slack.com/commands/T0FAKE/1/abc",
        ["trigger_id"] = "1.2.3",
    };
}
