using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Stalls;

namespace SalesCoachBot.Bench;

/// <summary><c>stall</c>: the stall rule over every open deal, loaded through the store, and the pure function alone.</summary>
internal static class StallBench
{
    private const int Runs = 5;

    public static async Task<int> RunAsync(DataSize size)
    {
        await using var db = await BenchDatabase.CreateAsync("sqlite");
        var data = DataSet.Generate(size, db.Map, db.Time.GetUtcNow());
        try
        {
            Console.WriteLine($"== stall rule, {db.Description} ({Machine.Load()})");
            await db.LoadAsync(data, Console.Out);
            var map = db.Map;
            var stallDays = map.Stages.ToDictionary(s => s.Id.Value, s => s.StallAfterDays, StringComparer.Ordinal);
            var withStore = new Samples("ListOpenAsync + StallRule.Assess (all deals)");
            var pure = new Samples("StallRule.Assess alone (all deals)");
            int open = 0, stalled = 0;
            for (var run = 0; run <= Runs; run++)
            {
                await using var scope = db.Services.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IDealStore>();
                var directory = scope.ServiceProvider.GetRequiredService<IDirectoryStore>();
                var now = db.Time.GetUtcNow();
                var started = Stopwatch.GetTimestamp();
                var idleDays = (await directory.ListTeamsAsync(CancellationToken.None)).ToDictionary(t => t.Id, t => t.IdleAfterDays);
                var deals = await store.ListOpenAsync(null, CancellationToken.None);
                var assessments = Assess(deals, stallDays, idleDays, now, out stalled);
                var loadAndAssess = Stopwatch.GetElapsedTime(started);

                started = Stopwatch.GetTimestamp();
                _ = Assess(deals, stallDays, idleDays, now, out _);
                var assessOnly = Stopwatch.GetElapsedTime(started);
                open = assessments.Length;
                if (run > 0)
                {
                    // Run 0 warms the JIT and EF's query cache.
                    Record(withStore, loadAndAssess);
                    Record(pure, assessOnly);
                }
            }

            Console.WriteLine($"{open:N0} open deals, {stalled:N0} stalled");
            Console.WriteLine(withStore.Report());
            Console.WriteLine(pure.Report());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per deal (pure): {pure.Percentile(50) * 1_000_000 / Math.Max(open, 1):F0} ns   ({Machine.Load()})"));
            return 0;
        }
        finally
        {
            data.Delete();
        }
    }

    private static void Record(Samples samples, TimeSpan took) => samples.Add(took.TotalMilliseconds);

    private static StallAssessment[] Assess(
        IReadOnlyList<DealView> deals, Dictionary<string, int> stallDays, Dictionary<long, int> idleDays, DateTimeOffset now, out int stalled)
    {
        var result = new StallAssessment[deals.Count];
        stalled = 0;
        for (var i = 0; i < result.Length; i++)
        {
            var view = deals[i];
            result[i] = StallRule.Assess(view.Deal, stallDays.GetValueOrDefault(view.Deal.StageId.Value), idleDays[view.Deal.TeamId], view.SnoozedUntil, now);
            stalled += result[i].IsStalled ? 1 : 0;
        }

        return result;
    }
}
