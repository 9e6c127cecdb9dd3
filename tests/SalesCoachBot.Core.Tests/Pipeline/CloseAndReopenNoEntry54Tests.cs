using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Tests.Fakes;

namespace SalesCoachBot.Core.Tests.Pipeline;

/// <summary>
/// Issue facts54: a reopen's history row stands in the stage the deal stood in, as a close's does (facts53). After "mark
/// Tailwind lost" and "reopen Tailwind" Dana's pipeline said "4 stage entries" where 3 deals had entered a stage, and the
/// reopen was one more deal entering that stage in the conversion and the week's entries. A chat close, a CRM close and
/// a chat and a CRM reopen, all in the last week, on the same story.
/// </summary>
public sealed class CloseAndReopenNoEntry54Tests : IDisposable
{
    private readonly BotHarness _bot = new();

    private DateTimeOffset _start; // when the story begins: its rows are dated back from it

    public void Dispose() => _bot.Dispose();

    private Deal Deal(string id, string name, params (string Stage, double DaysAgo)[] path)
    {
        var now = _bot.Clock.GetUtcNow();
        var deal = _bot.Stores.AddDeal(id, name, _bot.Rep, _bot.Emea, path[^1].Stage, now.AddDays(-path[^1].DaysAgo));
        deal.CreatedAt = now.AddDays(-path[0].DaysAgo);
        foreach (var (stage, daysAgo) in path)
        {
            AddRow(deal, stage, daysAgo, StageChangeKind.Advanced);
        }

        return deal;
    }

    private void AddRow(Deal deal, string stage, double daysAgo, StageChangeKind kind, string? reason = null) =>
        _bot.Stores.History.Add(new StageHistoryEntry
        {
            Id = _bot.Stores.History.Max(h => (long?)h.Id) + 1 ?? 1,
            DealId = deal.Id,
            StageId = new StageId(stage),
            EnteredAt = _bot.Clock.GetUtcNow().AddDays(-daysAgo),
            Kind = kind,
            Reason = reason,
        });

    /// <summary>
    /// This week three deals entered a stage: Acme and Initech Discovery, Globex Demo. Tailwind is lost and reopened in
    /// chat, Hooli lost in the CRM, Umbrella lost and reopened in the CRM, each in Demo where it stood.
    /// </summary>
    private async Task TellTheStoryAsync()
    {
        _start = _bot.Clock.GetUtcNow();
        Deal("1001", "Acme", ("discovery", 3));
        Deal("1002", "Globex", ("discovery", 20), ("demo", 6));
        Deal("1003", "Initech", ("discovery", 5));
        Deal("1004", "Tailwind", ("discovery", 30), ("demo", 12));
        var hooli = Deal("1005", "Hooli", ("discovery", 25), ("demo", 10));
        var umbrella = Deal("1006", "Umbrella", ("discovery", 40), ("demo", 13));

        (hooli.Status, hooli.ClosedAt, hooli.LostReason) = (DealStatus.Lost, _bot.Clock.GetUtcNow().AddDays(-2), "budget");
        AddRow(hooli, "demo", 2, StageChangeKind.ClosedInCrm, CrmReasons.LostBecause("HubSpot", "budget"));
        AddRow(umbrella, "demo", 3, StageChangeKind.ClosedInCrm, CrmReasons.Lost("HubSpot"));
        AddRow(umbrella, "demo", 1, StageChangeKind.MovedInCrm, CrmReasons.Reopened("HubSpot"));

        await _bot.AskAsync("mark tailwind lost because price", _bot.Rep);
        _bot.Clock.Advance(TimeSpan.FromMinutes(1)); // within the undo window, as a rep may reopen their own close
        var reopened = await _bot.AskAsync("reopen tailwind", _bot.Rep);
        Assert.Equal(DealStatus.Open, _bot.Stores.Deals.Single(d => d.Name == "Tailwind").Status);
        Assert.Contains(_bot.Stores.History, h => h.Kind == StageChangeKind.Reopened && h.StageId.Value == "demo");
        Assert.StartsWith("Reopened Tailwind in Demo", reopened.Text, StringComparison.Ordinal);
        _bot.Clock.Advance(TimeSpan.FromHours(1)); // the close and the reopen inside the last 7 days, which end now
    }

    [Fact]
    public async Task Pipeline_ClosesAndReopensInTheirStage_SinceLastWeekCountsOnlyEntries()
    {
        await TellTheStoryAsync();

        var answer = await _bot.AskAsync("pipeline", _bot.Rep);

        Assert.Contains("Since last week: 3 stage entries", answer.Text, StringComparison.Ordinal);
        // Demo this week: Globex alone (Tailwind and Umbrella were reopened there, Hooli lost there).
        Assert.Contains("Demo: 1 deal entered", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Discovery: 2 deals entered", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_LastSevenDays_ReopenIsNoEntryInTheConversion()
    {
        await TellTheStoryAsync();

        var answer = await _bot.AskAsync("pipeline last 7 days", _bot.Rep);

        // Entered Demo in the 7 days: Globex only (the reopens would have made it 3 of them, none converted).
        Assert.Contains("Demo → Contract signed: 0% (0 of 1)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Discovery → Demo: 0% (0 of 2)", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ChatAndCrmReopens_MarkedReopenedInStage_TimeInStageSkipsTheClosedDays()
    {
        await TellTheStoryAsync();
        var now = _bot.Clock.GetUtcNow();
        var tailwind = _bot.Stores.Deals.Single(d => d.Name == "Tailwind").Id.Value;
        var umbrella = _bot.Stores.Deals.Single(d => d.Name == "Umbrella").Id.Value;
        var hooli = _bot.Stores.Deals.Single(d => d.Name == "Hooli").Id.Value;
        _bot.Stores.History.Add(new StageHistoryEntry
        {
            Id = _bot.Stores.History.Max(h => h.Id) + 1,
            DealId = new DealId(umbrella),
            StageId = new StageId("discovery"), // moved back: the end of its second stay in Demo
            EnteredAt = _start.AddHours(1),
            Kind = StageChangeKind.Advanced,
        });

        var data = await new InMemoryPipelineStore(_bot.Stores).LoadAsync(new PipelineScope(null, null), now.AddDays(-60), now, CancellationToken.None);

        Assert.Equal(
            [("demo", false, false), ("demo", true, false), ("demo", false, true)],
            data.History.Where(h => h.DealId == tailwind && h.StageId == "demo").OrderBy(h => h.EnteredAt).Select(h => (h.StageId, h.ClosedInStage, h.ReopenedInStage)));
        Assert.Equal(
            [(false, false), (true, false), (false, true)],
            data.History.Where(h => h.DealId == umbrella && h.StageId == "demo").OrderBy(h => h.EnteredAt).Select(h => (h.ClosedInStage, h.ReopenedInStage)));
        Assert.True(data.History.Single(h => h.DealId == hooli && h.EnteredAt == _start.AddDays(-2)).ClosedInStage);

        // Time in Demo: Tailwind 12 days to its close, Hooli 8, Umbrella 10 to its close and then 1 day and an hour from its
        // reopen to its move back; the minute Tailwind and the 2 days Umbrella were closed are no time in a stage.
        var report = PipelineReport.Build(_bot.Map, data, 60, now, _ => 14);
        var demo = PipelineAnalytics.FunnelIndex(report.Funnel)["demo"];
        var spans = PipelineKpis.StageSpans(report, data)[demo]!;
        Assert.Equal([Math.Round(1 + (1.0 / 24), 9), 8, 10, 12], spans.Select(d => Math.Round(d, 9)).Order());
    }
}
