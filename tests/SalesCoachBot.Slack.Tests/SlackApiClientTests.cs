using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Slack.BlockKit;
using SalesCoachBot.Slack.Tests.Fakes;
using SalesCoachBot.Slack.WebApi;
using SalesCoachBot.Slack.Workspaces;

namespace SalesCoachBot.Slack.Tests;

public sealed class SlackApiClientTests : IAsyncLifetime
{
    private RecordingSlackApi api = null!;
    private SlackTestHost host = null!;

    private static readonly SlackWorkspace Workspace = SlackWorkspace.Of("T0FAKE");

    private ISlackApiClient Client => host.Services.GetRequiredService<ISlackApiClient>();

    public async Task InitializeAsync()
    {
        api = await RecordingSlackApi.StartAsync();
        host = await SlackTestHost.StartAsync(api, new Dictionary<string, string?> { ["Slack:ChannelMessageInterval"] = "00:00:00.300" });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await api.DisposeAsync();
    }

    private static ChatPostMessageRequest Message(string channel = "C1") =>
        new(channel, "hello", [new SectionBlock(TextObject.Markdown("hello"))]);

    [Fact]
    public async Task PostMessage_Success_SendsBearerTokenAndJsonBody()
    {
        var result = await Client.PostMessageAsync(Workspace, Message() with { ThreadTs = "1.2" }, CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal("1715000000.000900", result.Value!.Ts);
        var call = Assert.Single(api.CallsTo("/api/chat.postMessage"));
        Assert.Equal("Bearer xoxb-test-token", call.Authorization);
        Assert.StartsWith("application/json", call.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(call.Body);
        Assert.Equal("C1", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("1.2", json.RootElement.GetProperty("thread_ts").GetString());
        Assert.Equal("section", json.RootElement.GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task PostMessage_OkFalse_TypedErrorWithSlacksCodeAndNoRetry()
    {
        api.Script("/api/chat.postMessage", new ScriptedAnswer(200, """{"ok":false,"error":"channel_not_found"}"""));

        var result = await Client.PostMessageAsync(Workspace, Message(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal("channel_not_found", result.Error);
        Assert.Single(api.CallsTo("/api/chat.postMessage"));
    }

    [Fact]
    public async Task Update_429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        api.Script("/api/chat.update", new ScriptedAnswer(429, """{"ok":false,"error":"ratelimited"}""", RetryAfter: "1"));
        var clock = Stopwatch.StartNew();

        var result = await Client.UpdateMessageAsync(Workspace, new ChatUpdateRequest("C1", "1.2", "t", []), CancellationToken.None);

        Assert.True(result.Ok);
        var calls = api.CallsTo("/api/chat.update");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Update_429WithRetryAfter_WaitsExactlyThatLongOnTheClock()
    {
        var clock = new WatchedClock();
        await using var fake = await SlackTestHost.StartAsync(api, services: s => s.AddSingleton<TimeProvider>(clock));
        api.Script("/api/chat.update", new ScriptedAnswer(429, """{"ok":false,"error":"ratelimited"}""", RetryAfter: "30"));
        var client = fake.Services.GetRequiredService<ISlackApiClient>();

        var update = client.UpdateMessageAsync(Workspace, new ChatUpdateRequest("C1", "1.2", "t", []), CancellationToken.None);
        await clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(30));

        // The retry is due on the clock alone: a second short of Retry-After nothing is sent, at it the call goes again.
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(update.IsCompleted);
        Assert.Single(api.CallsTo("/api/chat.update"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await update.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.Ok);
        Assert.Equal(2, api.CallsTo("/api/chat.update").Count);
    }

    [Fact]
    public async Task Update_429WithRetryAfterBeyondMaxRetryAfter_FailsAtOnceWithoutWaiting()
    {
        api.Script("/api/chat.update", new ScriptedAnswer(429, """{"ok":false,"error":"ratelimited"}""", RetryAfter: "61"));

        var result = await Client.UpdateMessageAsync(Workspace, new ChatUpdateRequest("C1", "1.2", "t", []), CancellationToken.None);

        Assert.Equal("ratelimited", result.Error);
        Assert.Single(api.CallsTo("/api/chat.update"));
    }

    [Fact]
    public async Task UsersInfo_503_RetriedAfterABackoffOnTheClock()
    {
        var clock = new WatchedClock();
        await using var fake = await SlackTestHost.StartAsync(api, new Dictionary<string, string?> { ["Slack:RetryBaseDelay"] = "00:00:05" }, services: s => s.AddSingleton<TimeProvider>(clock));
        api.Script("/api/users.info",
            new ScriptedAnswer(503, "busy"),
            new ScriptedAnswer(200, """{"ok":true,"user":{"id":"U1","name":"pat"}}"""));
        var client = fake.Services.GetRequiredService<ISlackApiClient>();

        var info = client.GetUserInfoAsync(Workspace, "U1", CancellationToken.None);
        // The backoff's timer (jittered around 5 s), not an attempt's timeout.
        await clock.WaitForTimerAsync(due => due > TimeSpan.Zero && due != Timeout.InfiniteTimeSpan && due != TimeSpan.FromSeconds(15));

        Assert.False(info.IsCompleted);
        Assert.Single(api.CallsTo("/api/users.info"));
        clock.Advance(TimeSpan.FromMinutes(5));
        var result = await info.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("U1", result.Value?.User?.Id);
        Assert.Equal(2, api.CallsTo("/api/users.info").Count);
    }

    [Fact]
    public async Task UsersInfo_NoAnswerWithinTheAttemptTimeout_TimeoutWithoutRetrying()
    {
        var clock = new WatchedClock();
        await using var fake = await SlackTestHost.StartAsync(api, services: s => s.AddSingleton<TimeProvider>(clock));
        api.Script("/api/users.info", new ScriptedAnswer(200, """{"ok":true,"user":{"id":"U1"}}""", Hold: TimeSpan.FromSeconds(40)));
        var client = fake.Services.GetRequiredService<ISlackApiClient>();

        var info = client.GetUserInfoAsync(Workspace, "U1", CancellationToken.None);
        await api.WaitForCallsAsync("/api/users.info");
        await clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(15));
        clock.Advance(TimeSpan.FromSeconds(15));
        var result = await info.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("timeout", result.Error);
        Assert.Single(api.CallsTo("/api/users.info"));
    }

    [Fact]
    public async Task Update_429WithoutRetryAfter_FailsWithoutRetrying()
    {
        api.Script("/api/chat.update", new ScriptedAnswer(429, """{"ok":false,"error":"ratelimited"}"""));

        var result = await Client.UpdateMessageAsync(Workspace, new ChatUpdateRequest("C1", "1.2", "t", []), CancellationToken.None);

        Assert.Equal("ratelimited", result.Error);
        Assert.Single(api.CallsTo("/api/chat.update"));
    }

    [Fact]
    public async Task UsersInfo_500ThenOk_RetriedWithBackoffAndEmailRead()
    {
        api.Script("/api/users.info",
            new ScriptedAnswer(500, "oops"),
            new ScriptedAnswer(503, "oops"),
            new ScriptedAnswer(200, """{"ok":true,"user":{"id":"U1","name":"pat","profile":{"email":"pat@example.com"}}}"""));

        var result = await Client.GetUserInfoAsync(Workspace, "U1", CancellationToken.None);

        Assert.Equal("pat@example.com", result.Value?.User?.Profile?.Email);
        var calls = api.CallsTo("/api/users.info");
        Assert.Equal(3, calls.Count);
        Assert.Equal("user=U1&include_locale=true", calls[0].Body);
        Assert.StartsWith("application/x-www-form-urlencoded", calls[0].ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersInfo_500Persisting_GivesUpAfterMaxRetriesWithHttpCode()
    {
        api.Script("/api/users.info", Enumerable.Repeat(new ScriptedAnswer(500, "oops"), 10).ToArray());

        var result = await Client.GetUserInfoAsync(Workspace, "U1", CancellationToken.None);

        Assert.Equal("http_500", result.Error);
        Assert.Equal(4, api.CallsTo("/api/users.info").Count);
    }

    [Fact]
    public async Task ConversationMembers_ThreePages_FollowsNextCursorUntilEmpty()
    {
        api.Script("/api/conversations.members",
            new ScriptedAnswer(200, """{"ok":true,"members":["U1","U2"],"response_metadata":{"next_cursor":"c2"}}"""),
            new ScriptedAnswer(200, """{"ok":true,"members":["U3"],"response_metadata":{"next_cursor":"c3"}}"""),
            new ScriptedAnswer(200, """{"ok":true,"members":["U4"],"response_metadata":{"next_cursor":""}}"""));

        var result = await Client.ListConversationMembersAsync(Workspace, "C1", CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(["U1", "U2", "U3", "U4"], result.Items);
        var calls = api.CallsTo("/api/conversations.members");
        Assert.Equal(3, calls.Count);
        Assert.DoesNotContain("cursor", calls[0].Body, StringComparison.Ordinal);
        Assert.Contains("cursor=c2", calls[1].Body, StringComparison.Ordinal);
        Assert.Contains("cursor=c3", calls[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConversationMembers_ErrorOnSecondPage_ReturnsWhatItHasAndTheError()
    {
        api.Script("/api/conversations.members",
            new ScriptedAnswer(200, """{"ok":true,"members":["U1"],"response_metadata":{"next_cursor":"c2"}}"""),
            new ScriptedAnswer(200, """{"ok":false,"error":"invalid_cursor"}"""));

        var result = await Client.ListConversationMembersAsync(Workspace, "C1", CancellationToken.None);

        Assert.Equal("invalid_cursor", result.Error);
        Assert.Equal(["U1"], result.Items);
    }

    [Fact]
    public async Task PostMessage_ThreeIntoOneChannel_PacedApartWhileOtherChannelsAreNot()
    {
        // The times are when the fake received each message. A first request on a cold connection can arrive
        // hundreds of milliseconds late on a busy machine, so one message to a third channel warms the way first,
        // and the bound is one and a half intervals: unpaced, or paced by one interval only, stays far below it.
        await Client.PostMessageAsync(Workspace, Message("C0"), default);
        await Task.WhenAll(Client.PostMessageAsync(Workspace, Message("C1"), default), Client.PostMessageAsync(Workspace, Message("C1"), default),
            Client.PostMessageAsync(Workspace, Message("C1"), default), Client.PostMessageAsync(Workspace, Message("C2"), default));

        var calls = api.CallsTo("/api/chat.postMessage");
        var c1 = calls.Where(c => c.Body.Contains("\"C1\"", StringComparison.Ordinal)).Select(c => c.At).Order().ToList();
        Assert.Equal(3, c1.Count);
        Assert.True(c1[2] - c1[0] >= TimeSpan.FromMilliseconds(450), $"three messages in {(c1[2] - c1[0]).TotalMilliseconds} ms");
        // The other channel is not queued behind C1's pacing: it goes out before C1's last slot.
        var c2 = calls.Single(c => c.Body.Contains("\"C2\"", StringComparison.Ordinal)).At;
        Assert.True(c2 < c1[2], $"C2 sent {(c2 - c1[0]).TotalMilliseconds} ms after the first C1 message");
    }

    [Fact]
    public async Task Respond_ExpiredUrl_ErrorWordSurfacedAndNoTokenSent()
    {
        var url = api.ResponseUrl("gone");
        api.Script(url.AbsolutePath, new ScriptedAnswer(404, "expired_url", ContentType: "text/plain"));

        var result = await Client.RespondAsync(url, new ResponseMessage("t", []) { ReplaceOriginal = true }, CancellationToken.None);

        Assert.Equal("expired_url", result.Error);
        var call = Assert.Single(api.CallsTo(url.AbsolutePath));
        Assert.Null(call.Authorization);
        Assert.Contains("\"replace_original\":true", call.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupByEmailAndOpenConversation_CallTheirMethods()
    {
        api.Script("/api/users.lookupByEmail", new ScriptedAnswer(200, """{"ok":true,"user":{"id":"U9","name":"sam"}}"""));
        api.Script("/api/conversations.open", new ScriptedAnswer(200, """{"ok":true,"channel":{"id":"D9"}}"""));

        var user = await Client.LookupUserByEmailAsync(Workspace, "sam@example.com", default);
        var dm = await Client.OpenConversationAsync(Workspace, "U9", default);

        Assert.Equal("U9", user.Value?.User?.Id);
        Assert.Equal("D9", dm.Value?.Channel?.Id);
        Assert.Equal("email=sam%40example.com", Assert.Single(api.CallsTo("/api/users.lookupByEmail")).Body);
        Assert.Equal("""{"users":"U9"}""", Assert.Single(api.CallsTo("/api/conversations.open")).Body);
    }
}
