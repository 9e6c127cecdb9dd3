using System.Text.Json.Nodes;

namespace SalesCoachBot.Host.Tests.Chat;

/// <summary>
/// Finds the bot's reply to one inbound activity among everything the recorded Bot Connector received. The host's
/// own jobs (a digest, a manager's notice, a next step reminder) may post to the same chat once it is known, so "the
/// last call after mine" can be one of theirs: the reply is the call whose <c>replyToId</c> names the activity.
/// </summary>
internal static class TeamsReplies
{
    /// <summary>The first reply to <paramref name="inboundId"/> among the calls after the first <paramref name="seen"/>.</summary>
    public static async Task<string> WaitForReplyAsync(Func<IReadOnlyList<string>> calls, int seen, string inboundId)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (true)
        {
            if (calls().Skip(seen).FirstOrDefault(call => RepliesTo(call, inboundId)) is { } reply)
            {
                return reply;
            }

            if (TimeProvider.System.GetUtcNow() >= until)
            {
                throw new TimeoutException($"Timed out waiting for the Teams reply to {inboundId}.");
            }

            await Task.Delay(20);
        }
    }

    private static bool RepliesTo(string call, string inboundId) =>
        call.Length > 0 && JsonNode.Parse(call) is JsonObject activity
        && activity["replyToId"]?.GetValue<string>() == inboundId;
}
