using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Data;
using SalesCoachBot.Host.Cli;
using SalesCoachBot.Host.Nudges;

namespace SalesCoachBot.Host.Tests.Nudges;

/// <summary>
/// The <c>nudge</c> verb and the chat binding over the demo data on a SQLite file, with the real Core, Data and
/// nudge wiring (AddNudges) and fake senders at the channel boundary.
/// </summary>
public sealed class NudgeVerbTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scb-nudgeverb-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));   // Friday
    private readonly RecordingSender _teams = new(ChatChannel.Teams);
    private readonly RecordingSender _slack = new(ChatChannel.Slack);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        var options = new DatabaseOptions { Provider = "Sqlite", ConnectionString = $"Data Source={Path.Combine(_dir, "nudge.db")}", SeedDemo = true };
        services.AddSalesCoachDataCore(_ => options);
        services.AddSalesCoachCore(configuration);
        services.AddNudges(configuration);
        services.AddSingleton<IDigestSender>(_teams);   // registered last: the dispatcher uses the last sender per channel
        services.AddSingleton<IDigestSender>(_slack);
        services.AddCliVerbs();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(int Exit, string Out, string Err)> NudgeAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliVerbs.RunAsync(_services, "nudge", args, new CliContext(stdout, stderr), CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<BotAnswer> SayAsync(string email, string conversation, string text)
    {
        await using var scope = _services.CreateAsyncScope();
        var bot = scope.ServiceProvider.GetRequiredService<ICoachBot>();
        var channel = conversation.StartsWith("slack:", StringComparison.Ordinal) ? ChatChannel.Slack : ChatChannel.Teams;
        return await bot.HandleAsync(new ChatTurn(new ChatUser(channel, Email: email), ConversationKey.Parse(conversation), new TextInput(text)), CancellationToken.None);
    }

    [Fact]
    public async Task DryRun_NoChannelBound_PrintsTargetsAndStalledDealsAndWritesNothing()
    {
        var (exit, stdout, _) = await NudgeAsync("--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("EMEA (Europe/Berlin 09:00 mon-fri): no channel bound", stdout, StringComparison.Ordinal);
        Assert.Contains("Americas (America/New_York 09:00 mon-fri): no channel bound", stdout, StringComparison.Ordinal);
        // Says how to bind one: a first-time operator sees every team unbound.
        Assert.Contains(
            "EMEA (Europe/Berlin 09:00 mon-fri): no channel bound (a manager of the team binds one by saying \"use this channel for EMEA nudges\" in it)",
            stdout,
            StringComparison.Ordinal);
        Assert.Matches(@"\n  #\S+ .+ · \d+ days stuck · .+\(limit \d+\)", stdout);
        Assert.Empty(await _services.GetRequiredService<INudgeOutbox>().ListMessagesAsync(null, CancellationToken.None));
        Assert.Empty(_teams.Delivered);
    }

    [Fact]
    public async Task DryRun_TeamWorkingSundayToThursday_ShowsItsWorkingDays()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
            var emea = db.Teams.Single(t => t.Name == "EMEA");
            emea.Workdays = WorkWeek.Parse("sun-thu");
            await db.SaveChangesAsync();
        }

        var (exit, stdout, _) = await NudgeAsync("--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("EMEA (Europe/Berlin 09:00 sun-thu): no channel bound", stdout, StringComparison.Ordinal);
        Assert.Contains("Americas (America/New_York 09:00 mon-fri): no channel bound", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_TeamInArabic_DealLinesInArabicAsTheChannelsDigestWordsThem()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
            db.Teams.Single(t => t.Name == "EMEA").Language = "ar";
            await db.SaveChangesAsync();
        }

        await SayAsync("morgan@example.com", "slack:T1:C77", "use this channel for EMEA nudges");

        var (exit, dry, _) = await NudgeAsync("--dry-run");
        var (sentExit, _, _) = await NudgeAsync("--team", "EMEA");

        Assert.Equal((0, 0), (exit, sentExit));
        var lines = dry.Split('\n');
        List<string> DealLines(string team) =>
            [.. lines.SkipWhile(l => !Bidi.WithoutIsolates(l).StartsWith(team + " (", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith("  #", StringComparison.Ordinal))];
        var emea = DealLines("EMEA");
        var americas = DealLines("Americas");
        Assert.NotEmpty(emea);
        Assert.NotEmpty(americas);
        Assert.All(emea, l => Assert.Contains("متوقفة منذ", l, StringComparison.Ordinal));
        Assert.All(emea, l => Assert.DoesNotContain("days stuck", l, StringComparison.Ordinal));
        Assert.All(americas, l => Assert.Matches(@" · \d+ days stuck · .+\(limit \d+\)", l));

        // Every reason the channel got is, word for word, the reason on the dry run's line for that deal.
        var card = _slack.Delivered.Single(a => a.Card?.Kind == Core.Cards.CardKind.Digest).Card!;
        var reasons = card.Sections.SelectMany(s => s.Lines).Select(l => l.Text)
            .Where(t => t.StartsWith("السبب: ", StringComparison.Ordinal)).Select(t => t["السبب: ".Length..]).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Contains(emea, l => l.EndsWith(" · " + reason, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DryRun_TeamInArabic_EveryLineInArabic()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
            db.Teams.Single(t => t.Name == "EMEA").Language = "ar";
            db.Teams.Add(new SalesTeam { Name = "Gulf", TimeZoneId = "Asia/Dubai", Language = "ar", WeekdaysOnly = false });
            await db.SaveChangesAsync();
        }

        var (exit, stdout, _) = await NudgeAsync("--dry-run");

        // The header, "no channel bound" and "no stalled deals" were English beside the Arabic deal lines.
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n');
        Assert.Contains("\u2068EMEA\u2069 (\u2068Europe/Berlin\u2069 الساعة \u206809:00\u2069، \u2068mon-fri\u2069): لا قناة مربوطة "
            + "(يربط مدير الفريق قناةً بأن يكتب فيها «استخدم هذه القناة لتنبيهات فريق \u2068EMEA\u2069»)", lines);
        var gulf = lines.SkipWhile(l => !l.StartsWith("\u2068Gulf\u2069 (", StringComparison.Ordinal)).Take(2).ToList();
        Assert.Equal(2, gulf.Count);
        Assert.Contains("الساعة \u206809:00\u2069، يوميًا", gulf[0], StringComparison.Ordinal);
        Assert.Equal("  لا صفقات متعثرة", gulf[1].TrimEnd('\r'));
        Assert.DoesNotContain(lines, l => l.Contains("no stalled deals", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Americas (America/New_York 09:00 mon-fri): no channel bound", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nudge_ManagerBindsChannelsByChat_RealRunSendsOnceAndForceSendsAgain()
    {
        var teamsBound = await SayAsync("morgan@example.com", "teams:19:emea@thread.tacv2", "use this channel for EMEA nudges");
        var slackBound = await SayAsync("morgan@example.com", "slack:T1:C77", "use this channel for emea nudges");
        Assert.StartsWith("This channel now gets the EMEA stalled-deal digest", teamsBound.Text, StringComparison.Ordinal);
        Assert.StartsWith("This channel now gets the EMEA stalled-deal digest", slackBound.Text, StringComparison.Ordinal);

        var (dryExit, dry, _) = await NudgeAsync("--team", "emea", "--dry-run");
        var (exit, first, _) = await NudgeAsync("--team", "EMEA");
        var (_, second, _) = await NudgeAsync("--team", "EMEA");
        var (_, forced, _) = await NudgeAsync("--team", "EMEA", "--force");

        Assert.Equal(0, dryExit);
        Assert.Contains("EMEA (Europe/Berlin 09:00 mon-fri): slack:T1:C77, teams:19:emea@thread.tacv2", dry, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Contains("teams:19:emea@thread.tacv2: sent", first, StringComparison.Ordinal);
        Assert.Contains("slack:T1:C77: sent", first, StringComparison.Ordinal);
        Assert.Contains("already sent today", second, StringComparison.Ordinal);
        Assert.Contains("stalled deals", forced, StringComparison.Ordinal);
        Assert.Equal(2, _teams.Delivered.Count);
        Assert.Equal(2, _slack.Delivered.Count);
        var card = _slack.Delivered[0].Card!;
        Assert.Equal(Core.Cards.CardKind.Digest, card.Kind);
        Assert.Equal("Stalled deals · EMEA", card.Title);
    }

    [Fact]
    public async Task Nudge_NoChannelBound_ManagerToldByDirectMessageOnceThatDay()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SalesCoachDbContext>();
            var morgan = db.People.Single(p => p.Email == "morgan@example.com");
            morgan.SlackUserId = "U0MORGAN";
            await db.SaveChangesAsync();
        }

        var (exit, first, _) = await NudgeAsync("--team", "EMEA");
        var (_, forced, _) = await NudgeAsync("--team", "EMEA", "--force");

        Assert.Equal(0, exit);
        Assert.Contains("stalled deals, no channel bound", first, StringComparison.Ordinal);
        Assert.Contains("slack-user:U0MORGAN (managers' notice): sent", first, StringComparison.Ordinal);
        Assert.Contains("no channel bound", forced, StringComparison.Ordinal);
        var notice = Assert.Single(_slack.Delivered);
        Assert.Null(notice.Card);
        Assert.Contains("no channel is bound to EMEA", notice.Text, StringComparison.Ordinal);
        Assert.Contains("use this channel for EMEA nudges", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nudge_UnknownTeamOrBadFlags_ExitCodes()
    {
        Assert.Equal(1, (await NudgeAsync("--team", "Narnia")).Exit);
        Assert.Equal(2, (await NudgeAsync("--bogus")).Exit);
        Assert.Equal(2, (await NudgeAsync("--dry-run", "--force")).Exit);
        Assert.Equal(2, (await NudgeAsync("EMEA")).Exit);
    }

    [Fact]
    public async Task Scheduler_RunOnceAtBerlinTen_QueuesEmeaAndDispatcherSendsIt()
    {
        await SayAsync("morgan@example.com", "slack:T1:C77", "use this channel for EMEA nudges");
        var scheduler = _services.GetServices<IHostedService>().OfType<NudgeSchedulerService>().Single();
        var dispatcher = _services.GetRequiredService<OutboxDispatcher>();

        await scheduler.RunOnceAsync(CancellationToken.None);   // 10:00 in Berlin, 04:00 in New York
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        await scheduler.RunOnceAsync(CancellationToken.None);
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var sent = Assert.Single(_slack.Delivered);
        Assert.Equal("Stalled deals · EMEA", sent.Card!.Title);
    }

    private sealed class RecordingSender(ChatChannel channel) : IDigestSender
    {
        private readonly List<BotAnswer> _delivered = [];

        public ChatChannel Channel => channel;

        public IReadOnlyList<BotAnswer> Delivered => _delivered;

        public Task<DigestSendResult> SendAsync(ConversationKey conversation, BotAnswer digest, CancellationToken cancellationToken)
        {
            _delivered.Add(digest);
            return Task.FromResult(DigestSendResult.Delivered);
        }
    }
}
