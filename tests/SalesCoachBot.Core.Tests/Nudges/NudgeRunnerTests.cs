using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Tests.Nudges;

public sealed class NudgeRunnerTests
{
    private readonly InMemoryStores _stores = new();
    private readonly InMemoryNudgeStore _nudges = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 28, 4, 0, 0, TimeSpan.Zero));   // midnight in New York
    private readonly SalesTeam _emea;
    private readonly SalesTeam _americas;

    public NudgeRunnerTests()
    {
        _emea = _stores.AddTeam("EMEA");
        _emea.TimeZoneId = "Europe/Berlin";
        _americas = _stores.AddTeam("Americas");
        _americas.TimeZoneId = "America/New_York";
        foreach (var team in new[] { _emea, _americas })
        {
            var rep = _stores.AddPerson($"rep-{team.Name}@example.com", PersonRole.Rep, team);
            _stores.AddDeal($"{team.Name}-1", $"{team.Name} stuck deal", rep, team, "demo", _time.GetUtcNow().AddDays(-40));
        }
    }

    private NudgeRunner Runner() => new(
        _stores, new OpenDealsAsStallCandidates(_stores), _nudges, _nudges, new FixedProcessMapSource(MapBuilder.ThreeStages()), new InMemoryRecipients(),
        NudgeTestSetup.Notifier(_nudges, new InMemoryRecipients(), _time), _time,
        NudgeTestSetup.Options(), new NudgeProblems(), NullLogger<NudgeRunner>.Instance);

    /// <summary>The scheduler's loop, one poll a minute, recording when each team's day was queued.</summary>
    private async Task<List<(string Team, DateOnly Date, DateTimeOffset At)>> PollEveryMinuteUntilAsync(DateTimeOffset end)
    {
        var queued = new List<(string, DateOnly, DateTimeOffset)>();
        while (_time.GetUtcNow() < end)
        {
            foreach (var outcome in await Runner().RunDueAsync(CancellationToken.None))
            {
                queued.Add((outcome.TeamName, outcome.LocalDate!.Value, _time.GetUtcNow()));
            }

            _time.Advance(TimeSpan.FromMinutes(1));
        }

        return queued;
    }

    [Fact]
    public async Task RunDue_PolledAcrossBerlinSpringForwardAndTwoZones_OnceEachWeekdayAtLocalNine()
    {
        await _nudges.BindAsync(_emea.Id, ConversationKey.Parse("teams:19:emea@thread.tacv2"), 1, _time.GetUtcNow(), CancellationToken.None);
        await _nudges.BindAsync(_americas.Id, ConversationKey.Parse("slack:T1:C9"), 1, _time.GetUtcNow(), CancellationToken.None);

        var queued = await PollEveryMinuteUntilAsync(new DateTimeOffset(2025, 4, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            [
                ("EMEA", new DateOnly(2025, 3, 28), new DateTimeOffset(2025, 3, 28, 8, 0, 0, TimeSpan.Zero)),        // CET
                ("Americas", new DateOnly(2025, 3, 28), new DateTimeOffset(2025, 3, 28, 13, 0, 0, TimeSpan.Zero)),   // EDT
                ("EMEA", new DateOnly(2025, 3, 31), new DateTimeOffset(2025, 3, 31, 7, 0, 0, TimeSpan.Zero)),        // CEST after Sunday's change
                ("Americas", new DateOnly(2025, 3, 31), new DateTimeOffset(2025, 3, 31, 13, 0, 0, TimeSpan.Zero)),
                ("EMEA", new DateOnly(2025, 4, 1), new DateTimeOffset(2025, 4, 1, 7, 0, 0, TimeSpan.Zero)),
                ("Americas", new DateOnly(2025, 4, 1), new DateTimeOffset(2025, 4, 1, 13, 0, 0, TimeSpan.Zero)),
            ],
            queued);
        Assert.Equal(6, (await _nudges.ListMessagesAsync(null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task RunDue_HostDownAtNudgeTime_SendsMissedDigestOnceSameDayButNotNextDay()
    {
        await _nudges.BindAsync(_emea.Id, ConversationKey.Parse("teams:19:emea@thread.tacv2"), 1, _time.GetUtcNow(), CancellationToken.None);

        _time.SetUtcNow(new DateTimeOffset(2025, 3, 31, 12, 0, 0, TimeSpan.Zero));   // back at 14:00 Berlin, due since 09:00
        var late = await Runner().RunDueAsync(CancellationToken.None);
        var again = await Runner().RunDueAsync(CancellationToken.None);
        _time.SetUtcNow(new DateTimeOffset(2025, 4, 2, 6, 30, 0, TimeSpan.Zero));   // 08:30 Berlin: Apr 1 was missed entirely
        var nextMorning = await Runner().RunDueAsync(CancellationToken.None);

        Assert.Equal(TeamNudgeStatus.Queued, late.Single(o => o.TeamName == "EMEA").Status);
        Assert.DoesNotContain(again, o => o.TeamName == "EMEA");
        Assert.DoesNotContain(nextMorning, o => o.TeamName == "EMEA");
        Assert.DoesNotContain(_nudges.Claims, c => c.Date == new DateOnly(2025, 4, 1));
    }

    [Fact]
    public async Task RunDue_RiyadhTeamWorkingSundayToThursday_DigestOnSundayNotFridayAndMissedSundayCaughtUp()
    {
        var riyadh = _stores.AddTeam("KSA");
        riyadh.TimeZoneId = "Asia/Riyadh";   // UTC+3, weekend Friday and Saturday
        riyadh.Workdays = WorkWeek.Parse("sun-thu");
        await _nudges.BindAsync(riyadh.Id, ConversationKey.Parse("slack:T1:C0KSA"), 1, _time.GetUtcNow(), CancellationToken.None);

        // From Friday 28 March 2025, 07:00 in Riyadh, to Sunday 30 March 08:00, polled every minute.
        var beforeSunday = (await PollEveryMinuteUntilAsync(new DateTimeOffset(2025, 3, 30, 5, 0, 0, TimeSpan.Zero))).Where(q => q.Team == "KSA").ToList();

        // The host is down over Sunday's 09:00 and back at 13:00 Riyadh: the missed digest goes out then.
        _time.SetUtcNow(new DateTimeOffset(2025, 3, 30, 10, 0, 0, TimeSpan.Zero));
        var sunday = await Runner().RunDueAsync(CancellationToken.None);

        Assert.Empty(beforeSunday);
        Assert.Equal(new DateOnly(2025, 3, 30), sunday.Single(o => o.TeamName == "KSA").LocalDate);
        Assert.Equal([new DateOnly(2025, 3, 30)], _nudges.Claims.Where(c => c.TeamId == riyadh.Id).Select(c => c.Date));
    }

    [Fact]
    public async Task RunDue_UnknownZoneAndUnboundTeam_OtherTeamStillQueued()
    {
        _americas.TimeZoneId = "Mars/Olympus_Mons";
        var third = _stores.AddTeam("APAC");
        third.TimeZoneId = "Asia/Tokyo";
        await _nudges.BindAsync(_emea.Id, ConversationKey.Parse("teams:19:emea@thread.tacv2"), 1, _time.GetUtcNow(), CancellationToken.None);
        _time.SetUtcNow(new DateTimeOffset(2025, 3, 31, 12, 0, 0, TimeSpan.Zero));

        var outcomes = await Runner().RunDueAsync(CancellationToken.None);

        Assert.Equal(TeamNudgeStatus.Queued, outcomes.Single(o => o.TeamName == "EMEA").Status);
        Assert.Equal(TeamNudgeStatus.UnknownTimeZone, outcomes.Single(o => o.TeamName == "Americas").Status);
        Assert.Equal(TeamNudgeStatus.NothingStalled, outcomes.Single(o => o.TeamName == "APAC").Status);
    }

    [Fact]
    public async Task RunNow_TwiceWithoutForce_SecondSaysAlreadyClaimed_ForceQueuesAgain()
    {
        await _nudges.BindAsync(_emea.Id, ConversationKey.Parse("teams:19:emea@thread.tacv2"), 1, _time.GetUtcNow(), CancellationToken.None);

        var first = await Runner().RunNowAsync([_emea], force: false, CancellationToken.None);
        var second = await Runner().RunNowAsync([_emea], force: false, CancellationToken.None);
        var forced = await Runner().RunNowAsync([_emea], force: true, CancellationToken.None);

        Assert.Equal(TeamNudgeStatus.Queued, Assert.Single(first).Status);
        Assert.Equal(TeamNudgeStatus.AlreadyClaimed, Assert.Single(second).Status);
        Assert.Equal(TeamNudgeStatus.Queued, Assert.Single(forced).Status);
        Assert.Equal(2, (await _nudges.ListMessagesAsync(_emea.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task UseChannelForNudges_ManagerInSlackChannel_BindsAndRepOrOtherTeamManagerIsRefused()
    {
        _stores.AddPerson("boss@example.com", PersonRole.Manager, _emea);
        _stores.AddPerson("other-boss@example.com", PersonRole.Manager, _americas);
        var useCase = new UseChannelForNudgesUseCase(_stores, _nudges);
        var channel = ConversationKey.Parse("slack:T1:C42");

        async Task<BotAnswer> SayAsync(string email, ConversationKey where)
        {
            var person = (await _stores.FindPersonByEmailAsync(email, CancellationToken.None))!;
            var turn = new ChatTurn(new ChatUser(ChatChannel.Slack, Email: email), where, new TextInput("use this channel for emea nudges"));
            return await useCase.HandleAsync(new UseChannelForNudgesCommand("emea"), new TurnContext(person, turn, MapBuilder.ThreeStages(), _time.GetUtcNow()), CancellationToken.None);
        }

        var rep = await SayAsync("rep-EMEA@example.com", channel);
        var otherBoss = await SayAsync("other-boss@example.com", channel);
        var cli = await SayAsync("boss@example.com", ConversationKey.For(ChatChannel.Cli, "demo"));
        var bound = await SayAsync("boss@example.com", channel);
        var again = await SayAsync("boss@example.com", channel);

        Assert.Contains("Only a team's manager or an admin", rep.Text, StringComparison.Ordinal);
        Assert.Contains("only for the teams you manage (Americas), not for \"emea\"", otherBoss.Text, StringComparison.Ordinal);
        Assert.Contains("Teams or Slack channel", cli.Text, StringComparison.Ordinal);
        Assert.Equal("This channel now gets the EMEA stalled-deal digest at 09:00 Berlin on weekdays.", bound.Text);
        Assert.StartsWith("This channel already gets", again.Text, StringComparison.Ordinal);
        Assert.Equal(channel, Assert.Single(await _nudges.ListAsync(_emea.Id, CancellationToken.None)).Conversation);
    }

    [Theory]
    [InlineData("en", "sun-thu", "This channel now gets the KSA stalled-deal digest at 09:00 Riyadh on working days, Sunday to Thursday.")]
    [InlineData("en", "mon,wed,fri", "on working days, Monday, Wednesday, Friday.")]
    [InlineData("ar", "sun-thu", "في أيام العمل (من الأحد إلى الخميس)")]
    public async Task UseChannelForNudges_TeamWorkingSundayToThursday_ConfirmationNamesItsWorkingDays(string language, string workdays, string expected)
    {
        var ksa = _stores.AddTeam("KSA");
        ksa.TimeZoneId = "Asia/Riyadh";
        ksa.Workdays = WorkWeek.Parse(workdays);
        _stores.AddPerson("ksa-boss@example.com", PersonRole.Manager, ksa);
        var person = (await _stores.FindPersonByEmailAsync("ksa-boss@example.com", CancellationToken.None))!;
        var turn = new ChatTurn(new ChatUser(ChatChannel.Slack, Email: person.Email), ConversationKey.Parse("slack:T1:C0KSA"), new TextInput("use this channel for ksa nudges"));
        var context = new TurnContext(person, turn, MapBuilder.ThreeStages(), _time.GetUtcNow())
        {
            Say = ReplyTexts.Shared.In(language == "ar" ? ReplyLanguage.Arabic : ReplyLanguage.English),
        };

        var bound = await new UseChannelForNudgesUseCase(_stores, _nudges).HandleAsync(new UseChannelForNudgesCommand("ksa"), context, CancellationToken.None);

        Assert.Contains(expected, bound.Text, StringComparison.Ordinal);
    }
}
