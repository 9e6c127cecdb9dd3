using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Data.Imports;

namespace SalesCoachBot.Bench;

/// <summary>
/// <c>nudges</c>: every team's stalled-deal digest computed at once, as the scheduler and <c>nudge</c> do it:
/// 500 teams in five time zones, 100,000 open deals (200 per team, a third of them stalled), a channel bound per team.
/// Times the computation (<see cref="NudgeRunner.PlanAsync"/> plus rendering every digest) and a full forced run
/// that claims each team's day and writes its digest to the outbox, with the SQL commands each took.
/// </summary>
internal static class NudgeBench
{
    public const int TeamCount = 500;
    private const int RepsPerTeam = 8;
    private const int Runs = 5;
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC"];

    public static async Task<int> RunAsync(string provider, int deals)
    {
        await using var db = await BenchDatabase.CreateAsync(provider);
        var folder = Directory.CreateTempSubdirectory("scb-bench-nudges-").FullName;
        try
        {
            Console.WriteLine($"== nudges: {deals:N0} open deals across {TeamCount} teams, {db.Description} ({Machine.Load()})");
            Generate(folder, deals, db.Map, db.Time.GetUtcNow());
            await db.ImportAsync(ImportKind.Teams, Path.Combine(folder, "teams.csv"), Console.Out);
            await db.ImportAsync(ImportKind.People, Path.Combine(folder, "people.csv"), Console.Out);
            await db.ImportAsync(ImportKind.Deals, Path.Combine(folder, "deals.csv"), Console.Out);

            var targets = db.Services.GetRequiredService<INudgeTargetStore>();
            IReadOnlyList<SalesTeam> teams;
            await using (var scope = db.Services.CreateAsyncScope())
            {
                teams = await scope.ServiceProvider.GetRequiredService<IDirectoryStore>().ListTeamsAsync(CancellationToken.None);
            }

            foreach (var team in teams)
            {
                await targets.BindAsync(team.Id, ConversationKey.Slack("T0BENCH", $"C{team.Id:00000}"), 1, db.Time.GetUtcNow(), CancellationToken.None);
            }

            var unfiltered = new Samples("compute all digests, every open deal loaded");
            var load = new Samples("for scale: IDealStore.ListOpenAsync (all deals)");
            var plan = new Samples("compute all digests (PlanAsync + render)");
            var queue = new Samples("claim + enqueue all digests (RunNowAsync)");
            using var sql = new SqlCounter();
            long planCommands = 0, queueCommands = 0;
            int stalled = 0, bytes = 0;
            var options = Microsoft.Extensions.Options.Options.Create(new NudgeOptions());
            for (var run = 0; run <= Runs; run++)
            {
                // Run 0 warms the JIT and EF's query cache; its figures are dropped.
                var (timeLoad, timePlan, timeQueue, timeUnfiltered) = run == 0
                    ? (new Samples("warm-up"), new Samples("warm-up"), new Samples("warm-up"), new Samples("warm-up"))
                    : (load, plan, queue, unfiltered);
                await using var scope = db.Services.CreateAsyncScope();
                var runner = Runner(scope.ServiceProvider, db.Time, options);

                // The same computation without the database-side stall filter (how it was first written), for comparison.
                var everyDeal = Runner(scope.ServiceProvider, db.Time, options, new OpenDealsAsStallCandidates(scope.ServiceProvider.GetRequiredService<IDealStore>()));
                var before = await timeUnfiltered.TimeAsync(() => everyDeal.PlanAsync(teams, CancellationToken.None));
                _ = await timeLoad.TimeAsync(() => scope.ServiceProvider.GetRequiredService<IDealStore>().ListOpenAsync(null, CancellationToken.None));

                var commands = sql.Commands;
                var plans = await timePlan.TimeAsync(async () =>
                {
                    var planned = await runner.PlanAsync(teams, CancellationToken.None);
                    bytes = planned.Sum(p => DigestPayload.Serialize(DigestBuilder.Render(new TeamDigest(p.Team.Id, p.Team.Name, p.LocalDate!.Value, p.Deals), options.Value.MaxDigestDeals)).Length);
                    return planned;
                });
                stalled = plans.Sum(p => p.Deals.Count);
                if (before.Sum(p => p.Deals.Count) != stalled)
                {
                    throw new InvalidOperationException("the filtered and unfiltered digests differ");
                }

                planCommands = sql.Commands - commands;

                commands = sql.Commands;
                var outcomes = await timeQueue.TimeAsync(() => runner.RunNowAsync(teams, force: true, CancellationToken.None));
                queueCommands = sql.Commands - commands;
                if (outcomes.Count(o => o.Status == TeamNudgeStatus.Queued) != TeamCount)
                {
                    throw new InvalidOperationException($"expected {TeamCount} queued digests, got {string.Join(", ", outcomes.GroupBy(o => o.Status).Select(g => $"{g.Key}={g.Count()}"))}");
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stalled:N0} stalled deals in {TeamCount} digests, {bytes / 1024:N0} KB of outbox payload per run"));
            Console.WriteLine($"{plan.Report()}  SQL={planCommands}");
            Console.WriteLine(unfiltered.Report());
            Console.WriteLine(load.Report());
            Console.WriteLine($"{queue.Report()}  SQL={queueCommands}");
            Console.WriteLine($"({Machine.Load()})");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static NudgeRunner Runner(IServiceProvider services, TimeProvider time, IOptions<NudgeOptions> options, IStallCandidates? candidates = null)
    {
        var outbox = services.GetRequiredService<INudgeOutbox>();
        var recipients = services.GetRequiredService<INudgeRecipients>();
        return new NudgeRunner(
            services.GetRequiredService<IDirectoryStore>(), candidates ?? services.GetRequiredService<IStallCandidates>(),
            services.GetRequiredService<INudgeTargetStore>(), outbox, services.GetRequiredService<IProcessMapSource>(), recipients,
            new ManagerNotifier(outbox, recipients, time, NullLogger<ManagerNotifier>.Instance), time, options, new NudgeProblems(), NullLogger<NudgeRunner>.Instance);
    }

    /// <summary>Teams, people and deals in the import formats; deterministic. Every third deal has sat in its stage for 40+ days.</summary>
    private static void Generate(string folder, int deals, ProcessMap map, DateTimeOffset now)
    {
        var inv = CultureInfo.InvariantCulture;
        var stages = map.OrderedStages().TakeWhile(s => s.Id != map.Won).Select(s => s.Id.Value).ToList();
        var teams = new StringBuilder("team,time_zone,nudge_time,weekdays_only,idle_after_days\n");
        var people = new StringBuilder("email,name,team,role,teams_aad_object_id,slack_user_id\n");
        for (var t = 0; t < TeamCount; t++)
        {
            teams.Append(inv, $"N{t:000},{Zones[t % Zones.Length]},09:00,true,{10 + (t % 10)}\n");
            people.Append(inv, $"nmanager{t:000}@bench.example,Manager {t:000},N{t:000},manager,,UM{t:000}\n");
            for (var r = 0; r < RepsPerTeam; r++)
            {
                people.Append(inv, $"nrep{t:000}-{r}@bench.example,Rep {t:000}-{r},N{t:000},rep,,UR{t:000}{r}\n");
            }
        }

        File.WriteAllText(Path.Combine(folder, "teams.csv"), teams.ToString());
        File.WriteAllText(Path.Combine(folder, "people.csv"), people.ToString());

        var today = now.UtcDateTime.Date;
        using var writer = new StreamWriter(Path.Combine(folder, "deals.csv"), false, new UTF8Encoding(false));
        writer.Write("external_id,name,account,amount,currency,owner_email,team,stage,stage_entered_at,next_step_at,created_at\n");
        for (var i = 0; i < deals; i++)
        {
            var team = i % TeamCount;
            var entered = today.AddDays(-(i % 3 == 0 ? 40 + (i % 50) : i % 5));
            writer.Write(string.Create(inv,
                $"N{i},Deal {i},Account {i % 997},{1000 + (i % 997) * 25}.00,EUR,nrep{team:000}-{i / TeamCount % RepsPerTeam}@bench.example,N{team:000},{stages[i % stages.Count]},{entered:yyyy-MM-dd},,{entered.AddDays(-30):yyyy-MM-dd}\n"));
        }
    }
}
