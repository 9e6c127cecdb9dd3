using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Slack.Tests.Fakes;

namespace SalesCoachBot.Slack.Tests;

/// <summary>
/// Issue 17, part 3, under load: Slack's <c>users.info</c> (the person's email and locale) may answer after the lookup
/// budget. The message is then answered without it, but the lookup goes on and its answer is kept, so the person's next
/// message is in their Slack language; one lookup per person at a time; a failed one is asked again after a minute.
/// The fake core answers with the code of the language the real choice gives the person.
/// </summary>
public sealed class SlackUserDirectoryTests : IAsyncLifetime
{
    private const string UsersInfo = "/api/users.info";

    /// <summary>The default <c>Slack:UserLookupBudget</c>.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    private static readonly string ArabicUser = JsonSerializer.Serialize(new
    {
        ok = true,
        user = new { id = "U0PAT", name = "pat", locale = "ar-SA", is_email_confirmed = true, profile = new { email = "pat@example.com" } },
    });

    private readonly WatchedClock clock = new();
    private RecordingSlackApi api = null!;
    private SlackTestHost host = null!;

    public async Task InitializeAsync()
    {
        api = await RecordingSlackApi.StartAsync();
        // No retries: a failure is answered at once, with no backoff waiting on the fake clock.
        host = await SlackTestHost.StartAsync(api, new Dictionary<string, string?> { ["Slack:MaxRetries"] = "0" }, services: s => s.AddSingleton<TimeProvider>(clock));
        var languages = host.Services.GetRequiredService<LanguageChoice>();
        host.Bot.Reply = turn => new BotAnswer(languages.For(personLanguage: null, turn.User.Locale, []).Code);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await api.DisposeAsync();
    }

    private static Dictionary<string, string> Command(string text) => SlashCommandForm.Coach(text);

    /// <summary>Signed at the fake clock's time, which the host checks the timestamp against.</summary>
    private Task<HttpResponseMessage> SendAsync(string text) => host.PostFormAsync("/slack/commands", Command(text), clock.GetUtcNow().ToUnixTimeSeconds());

    private static async Task<string?> AnswerAsync(Task<HttpResponseMessage> sent) =>
        JsonDocument.Parse(await (await sent).Content.ReadAsStringAsync()).RootElement.GetProperty("text").GetString();

    private async Task<string?> AskAsync(string text) => await AnswerAsync(SendAsync(text));

    [Fact]
    public async Task Command_UsersInfoSlowerThanTheBudget_FirstAnswerInTheFallbackTheNextInTheSlackLanguage()
    {
        var slackAnswers = new TaskCompletionSource();
        api.Script(UsersInfo, new ScriptedAnswer(200, ArabicUser, Until: slackAnswers.Task));

        var first = SendAsync("pipeline");
        await api.WaitForCallsAsync(UsersInfo);
        await Eventually.UntilAsync(() => clock.TimersSet(due => due == Budget) >= 1 || first.IsCompleted, "the command to wait for users.info");
        clock.Advance(Budget);
        var firstAnswer = await AnswerAsync(first);
        slackAnswers.SetResult();
        var next = await AskAsync("my deals");

        Assert.Equal(ReplyLanguage.EnglishCode, firstAnswer);
        Assert.Equal(ReplyLanguage.ArabicCode, next);
        Assert.Equal([null, "ar-SA"], host.Bot.Turns.Select(t => t.User.Locale));
        Assert.Equal([null, "pat@example.com"], host.Bot.Turns.Select(t => t.User.Email));
        Assert.Single(api.CallsTo(UsersInfo));
    }

    [Theory]
    [InlineData(429, """{"ok":false,"error":"ratelimited"}""")]
    [InlineData(500, "oops")]
    public async Task Command_UsersInfoFails_FallbackAndAskedAgainOnlyAfterAMinute(int status, string body)
    {
        api.Script(UsersInfo, new ScriptedAnswer(status, body), new ScriptedAnswer(200, ArabicUser));

        var failed = await AskAsync("pipeline");
        clock.Advance(TimeSpan.FromSeconds(59));
        var stillFailed = await AskAsync("my deals");
        var askedWithinTheMinute = api.CallsTo(UsersInfo).Count;
        clock.Advance(TimeSpan.FromSeconds(2));
        var askedAgain = await AskAsync("what's due");

        Assert.Equal(ReplyLanguage.EnglishCode, failed);
        Assert.Equal(ReplyLanguage.EnglishCode, stillFailed);
        Assert.Equal(1, askedWithinTheMinute);
        Assert.Equal(ReplyLanguage.ArabicCode, askedAgain);
        Assert.Equal(2, api.CallsTo(UsersInfo).Count);
        // A definite answer is kept for Cache:SlackUserLifetime (1 h), not the failure's minute.
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(ReplyLanguage.ArabicCode, await AskAsync("pipeline"));
        Assert.Equal(2, api.CallsTo(UsersInfo).Count);
    }

    [Fact]
    public async Task Commands_TwoAtOnceFromAPersonNotLookedUpYet_OneUsersInfoCall()
    {
        var slackAnswers = new TaskCompletionSource();
        api.Script(UsersInfo, new ScriptedAnswer(200, ArabicUser, Until: slackAnswers.Task), new ScriptedAnswer(200, ArabicUser));

        var first = SendAsync("pipeline");
        var second = SendAsync("my deals");
        // Both wait for Slack: on the budget's clock, or as two calls at the fake.
        await Eventually.UntilAsync(() => clock.TimersSet(due => due == Budget) >= 2 || api.CallsTo(UsersInfo).Count >= 2, "both commands to wait for users.info");
        slackAnswers.SetResult();
        var answers = await Task.WhenAll(AnswerAsync(first), AnswerAsync(second));

        Assert.All(answers, answer => Assert.Equal(ReplyLanguage.ArabicCode, answer));
        Assert.Single(api.CallsTo(UsersInfo));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:01:01")]
    public async Task Start_UserLookupBudgetOutOfRange_RefusedNamingTheKey(string budget)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            SlackTestHost.StartAsync(api, new Dictionary<string, string?> { ["Slack:UserLookupBudget"] = budget }));

        Assert.Contains("Slack:UserLookupBudget", refused.Message, StringComparison.Ordinal);
    }
}
