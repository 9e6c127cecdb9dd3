using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Host.Tests.Security;

namespace SalesCoachBot.Host.Tests.Hosting;

/// <summary>
/// Issue 19, point 1: two hosts as <c>Program</c> composes them, on one database. What one host took or made,
/// the other knows: a Slack event delivered to both is answered once; a chart drawn by one is served by the other.
/// </summary>
public sealed class TwoHostsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scb-two-hosts-").FullName;
    private TrustHost _a = null!;
    private TrustHost _b = null!;

    public async Task InitializeAsync()
    {
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings:SalesCoach"] = $"Data Source={Path.Combine(_folder, "shared.db")}",
            ["PublicBaseUrl"] = "https://coach.example.com",
            ["Slack:SigningSecret"] = TrustHost.SigningSecret,
            ["Slack:BotToken"] = "xoxb-host-token",
            ["Slack:AllowedTeamIds:0"] = "T0OURS",
        };
        _a = await TrustHost.StartAsync("Production", shared);
        _b = await TrustHost.StartAsync("Production", shared);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SlackEvent_DeliveredToBothHosts_AnsweredOnce()
    {
        var body = JsonSerializer.Serialize(new
        {
            type = "event_callback",
            team_id = "T0OURS",
            event_id = "Ev0TWOHOSTS",
            @event = new { type = "message", channel_type = "im", user = "U0DEMO", text = "my deals", channel = "D0DM", ts = "1.1" },
        });

        var first = await _a.PostSignedJsonAsync("/slack/events", body);
        var second = await _b.PostSignedJsonAsync("/slack/events", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        // Both acked; each host's worker then claims the event id (ADR 0029), and the host that loses the claim says so in
        // its log and answers nothing. Which host wins is the race's to decide.
        static int Duplicates(TrustHost host) => host.Logs.Lines.Count(l => l.EventId == 5003 && l.Message.Contains("Ev0TWOHOSTS", StringComparison.Ordinal));
        int Answers() => _a.Slack.CallsTo("chat.postMessage").Count + _b.Slack.CallsTo("chat.postMessage").Count;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((Answers() == 0 || Duplicates(_a) + Duplicates(_b) == 0) && !patience.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        var (winner, loser) = Duplicates(_b) > 0 ? (_a, _b) : (_b, _a);
        Assert.Equal(1, Duplicates(loser));
        Assert.Equal(0, Duplicates(winner));
        Assert.Single(winner.Slack.CallsTo("chat.postMessage"));
        Assert.Empty(loser.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Chart_DrawnByOneHost_ServedByTheOther()
    {
        var chart = new BarChart("Open deals per stage — EMEA", [new("Discovery", 9, "9"), new("Demo", 6, "6")]);
        var image = await _a.Services.GetRequiredService<IChartPublisher>().PublishAsync(chart, CancellationToken.None);

        using var fromB = await _b.Client.GetAsync(new Uri(image!.Url).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
        Assert.Equal("image/png", fromB.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0x89, (await fromB.Content.ReadAsByteArrayAsync())[0]);
    }
}
