using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Nudges;

/// <summary>A fresh install (demo data, nothing bound yet) says once, as information, how to bind a channel; no warnings.</summary>
public sealed class FirstRunNudgeLogTests
{
    private readonly InMemoryStores _stores = new();
    private readonly InMemoryNudgeStore _nudges = new();
    private readonly InMemoryRecipients _recipients = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeLogCollector _logs = new();
    private readonly NudgeProblems _problems = new();
    private readonly SalesTeam _emea;
    private readonly SalesTeam _amer;

    public FirstRunNudgeLogTests()
    {
        _emea = _stores.AddTeam("EMEA");
        _emea.TimeZoneId = "Europe/Berlin";
        _amer = _stores.AddTeam("Americas");
        _amer.TimeZoneId = "Europe/Berlin";
        var rep = _stores.AddPerson("rep@example.com", PersonRole.Rep, _emea, _amer);
        _recipients.Team(_emea.Id, "EMEA").Team(_amer.Id, "Americas")
            .Manager(_emea.Id, new NudgeRecipient(50, "Offline Manager", null, null))
            .Manager(_amer.Id, new NudgeRecipient(50, "Offline Manager", null, null));
        _stores.AddDeal("E-1", "Stuck in EMEA", rep, _emea, "demo", _time.GetUtcNow().AddDays(-40));
        _stores.AddDeal("A-1", "Stuck in Americas", rep, _amer, "demo", _time.GetUtcNow().AddDays(-40));
    }

    private NudgeRunner Runner() => new(
        _stores, new OpenDealsAsStallCandidates(_stores), _nudges, _nudges, new FixedProcessMapSource(MapBuilder.ThreeStages()), _recipients,
        new ManagerNotifier(_nudges, _recipients, _time, new FakeLogger<ManagerNotifier>(_logs)), _time,
        NudgeTestSetup.Options(), _problems, new FakeLogger<NudgeRunner>(_logs));

    [Fact]
    public async Task RunDue_NoChannelBoundAnywhereOverTwoDays_OneInformationLineNoWarnings()
    {
        await Runner().RunDueAsync(CancellationToken.None);
        await Runner().RunDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        var outcomes = await Runner().RunDueAsync(CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(TeamNudgeStatus.NoChannelBound, o.Status));
        var records = _logs.GetSnapshot();
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Warning);
        var hint = Assert.Single(records, r => r.Id.Id == 7021);
        Assert.Equal(LogLevel.Information, hint.Level);
        Assert.Contains("use this channel for EMEA nudges", hint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDue_AnotherTeamIsBound_UnboundTeamStillWarned()
    {
        await _nudges.BindAsync(_emea.Id, ConversationKey.Parse("slack:T1:C-emea"), 1, _time.GetUtcNow(), CancellationToken.None);

        await Runner().RunDueAsync(CancellationToken.None);

        var warning = Assert.Single(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal(7001, warning.Id.Id);
        Assert.Contains("Americas", warning.Message, StringComparison.Ordinal);
        Assert.Contains("on 2025-03-12 but no channel bound", warning.Message, StringComparison.Ordinal);   // ISO, never 03/12/2025
    }
}
