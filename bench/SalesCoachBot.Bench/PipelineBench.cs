using System.Diagnostics;
using System.Globalization;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Pipeline;
using SalesCoachBot.Core.Understanding;
using SalesCoachBot.Data;
using SalesCoachBot.Data.Infrastructure;
using SalesCoachBot.Host.Charts;
using Npgsql;
using NpgsqlTypes;

namespace SalesCoachBot.Bench;

/// <summary>
/// <c>pipeline</c>: "pipeline TEAM" for a manager of a team holding half the deals (50,000 of 100,000, 1,000,000
/// history rows in all) on SQLite or PostgreSQL, through the real use case and store; then the store read and the report alone,
/// and the chart's PNG render time.
/// </summary>
internal static class PipelineBench
{
    private const string BigTeam = "Team Big";
    private const string ManagerEmail = "manager-big@bench.example";
    private const int SmallTeams = 9;
    private const int RepsPerTeam = 20;
    private const int Warmup = 20; // enough for tiered JIT to reach tier 1 (with 3, half the timed runs were still tier-0 code)
    private const int Runs = 40;
    private const int ChartRuns = 200;

    private static readonly string[] LostReasons = ["Price", "No budget", "Timing", "Competitor", "price "];

    public static async Task<int> RunAsync(DataSize size, string provider = "sqlite")
    {
        await using var db = await BenchDatabase.CreateAsync(provider);
        Console.WriteLine($"== pipeline, {db.Description} ({Machine.Load()})");
        var now = db.Time.GetUtcNow();
        await SeedAsync(db, size, now);

        await using var lookup = db.Services.CreateAsyncScope();
        var manager = await lookup.ServiceProvider.GetRequiredService<IDirectoryStore>().FindPersonByEmailAsync(ManagerEmail, CancellationToken.None)
            ?? throw new InvalidOperationException("manager not seeded");
        var turn = new ChatTurn(new ChatUser(ChatChannel.Cli, Email: ManagerEmail), ConversationKey.For(ChatChannel.Cli, "bench-pipeline"), new TextInput($"pipeline {BigTeam}"));
        var team = (await lookup.ServiceProvider.GetRequiredService<IDirectoryStore>().FindTeamByNameAsync(BigTeam, CancellationToken.None))!;

        var useCase = new Samples($"pipeline \"{BigTeam}\" (use case, {size.Deals / 2:N0} deals)");
        var phases = new PipelinePhases();
        BotAnswer? answer = null;
        PipelineData? data = null;
        for (var run = 0; run < Warmup + Runs; run++)
        {
            var context = new TurnContext(manager, turn, db.Map, db.Time.GetUtcNow());
            await using (var scope = db.Services.CreateAsyncScope())
            {
                var pipeline = scope.ServiceProvider.GetRequiredService<PipelineUseCase>();
                answer = run >= Warmup
                    ? await useCase.TimeAsync(() => pipeline.HandleAsync(new PipelineCommand(BigTeam, null), context, CancellationToken.None))
                    : await pipeline.HandleAsync(new PipelineCommand(BigTeam, null), context, CancellationToken.None);
            }

            // The same answer again, phase by phase as the use case runs them, to show where the time goes.
            await using (var scope = db.Services.CreateAsyncScope())
            {
                data = await phases.RunAsync(scope.ServiceProvider, team, context, measured: run >= Warmup);
            }
        }

        if (Environment.GetEnvironmentVariable("PIPELINE_BREAKDOWN") == "1")
        {
            // Each measure alone over the data read above (the public functions: each groups the history itself).
            var funnel = PipelineAnalytics.Funnel(db.Map);
            var window = AnalysisWindow.LastDays(PipelineUseCase.DefaultWindowDays, now);
            var cycles = PipelineAnalytics.WonCycles(db.Map.Start, db.Map.Won, data!.ClosedDeals, data.History, window);
            foreach (var (name, part) in new (string, Func<object?>)[]
            {
                ("snapshot", () => PipelineAnalytics.Snapshot(funnel, data.OpenDeals, _ => 0.5, _ => 14, now)),
                ("conversions", () => PipelineAnalytics.Conversions(funnel, data.History, window)),
                ("won cycles", () => PipelineAnalytics.WonCycles(db.Map.Start, db.Map.Won, data.ClosedDeals, data.History, window)),
                ("week over week", () => PipelineAnalytics.WeekOverWeek(funnel, data.History, now)),
                ("win/loss", () => PipelineAnalytics.WinLoss(data.ClosedDeals, window)),
                ("fastest deals", () => FastDealsAnalysis.Analyze(db.Map, cycles, data.History, data.WonConfirmations)),
                ("whole report", () => PipelineReport.Build(db.Map, data, PipelineUseCase.DefaultWindowDays, now, _ => 14)),
            })
            {
                var samples = new Samples("  measure: " + name);
                for (var i = 0; i < 40; i++)
                {
                    await samples.TimeAsync(() => Task.FromResult(part()));
                }

                Console.WriteLine(samples.Report());
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read: {data!.OpenDeals.Count:N0} open, {data.ClosedDeals.Count:N0} closed, {data.History.Count:N0} history rows, {data.WonConfirmations.Count:N0} confirmations"));
        Console.WriteLine("answer: " + answer!.Text.Split('\n')[1].Trim());
        Console.WriteLine(useCase.Report(goalP95: 100));
        phases.Print();

        // The same question after a write: each run first moves one deal of the team (last activity and stage entry,
        // as a confirmation or an advance would), so the store reads that deal again (its change-log row was stamped).
        var afterWrite = new Samples("pipeline after one deal changed (use case)");
        await using (var writerContext = db.Services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext())
        {
            var writer = writerContext.Database.GetDbConnection();
            await writer.OpenAsync();
            var postgres = writerContext.Provider == DatabaseProvider.Postgres;
            for (var run = 0; run < Runs; run++)
            {
                await using (var touch = Prepare(writer, null, "UPDATE deals SET last_activity_at = @at, stage_entered_at = @at WHERE id = @id", "@at", "@id"))
                {
                    Set(touch, At(postgres, db.Time.GetUtcNow()), 3L + (run * 4L)); // open deals of the big team (fate 2)
                    await touch.ExecuteNonQueryAsync();
                }

                var context = new TurnContext(manager, turn, db.Map, db.Time.GetUtcNow());
                await using var scope = db.Services.CreateAsyncScope();
                var pipeline = scope.ServiceProvider.GetRequiredService<PipelineUseCase>();
                answer = await afterWrite.TimeAsync(() => pipeline.HandleAsync(new PipelineCommand(BigTeam, null), context, CancellationToken.None));
            }
        }

        Console.WriteLine(afterWrite.Report(goalP95: 100));

        // A first read (cold): nothing kept from before. Asking each time from one day further back makes the store
        // load everything again, as after a restart, a bulk import or a write to more than 5,000 deals.
        var cold = new Samples("  cold IPipelineStore.LoadAsync (full read)");
        for (var run = 0; run < 10; run++)
        {
            var at = db.Time.GetUtcNow();
            await using var scope = db.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IPipelineStore>();
            await cold.TimeAsync(() => store.LoadAsync(new PipelineScope([team.Id], null), at.AddDays(-PipelineUseCase.DefaultWindowDays - 2 - run), at, CancellationToken.None));
        }

        Console.WriteLine(cold.Report());

        // The chart the answer would carry, drawn the way the host draws it.
        var report = PipelineReport.Build(db.Map, data, PipelineUseCase.DefaultWindowDays, now, _ => 14);
        var chart = new BarChart($"Open deals per stage — {BigTeam}",
            [.. report.Stages.Select(s => new ChartBar(s.Stage.Name, s.OpenDeals, s.OpenDeals.ToString(CultureInfo.InvariantCulture)))]);
        var renderer = new BarChartRenderer();
        var render = new Samples("chart PNG render (BarChartRenderer, 800x400)");
        var bytes = 0;
        for (var run = 0; run < Warmup + ChartRuns; run++)
        {
            var started = Stopwatch.GetTimestamp();
            bytes = renderer.RenderPng(chart).Length;
            if (run >= Warmup)
            {
                render.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Console.WriteLine(render.Report() + string.Create(CultureInfo.InvariantCulture, $"  {bytes:N0} bytes"));
        Console.WriteLine($"({Machine.Load()})");
        return 0;
    }

    /// <summary>
    /// Teams and people through EF; deals, history and confirmations with prepared SQLite inserts or PostgreSQL COPY
    /// (the importer has its own benchmark). Deals start over the last three years; a quarter are won, a quarter lost, half open.
    /// </summary>
    private static async Task SeedAsync(BenchDatabase db, DataSize size, DateTimeOffset now)
    {
        var cpu = Machine.Cpu();
        var started = Stopwatch.GetTimestamp();
        var funnel = PipelineAnalytics.Funnel(db.Map);
        var teams = new List<(long Id, List<long> Reps)>();
        await using (var context = db.Services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext())
        {
            for (var t = 0; t <= SmallTeams; t++)
            {
                var salesTeam = new SalesTeam { Name = t == 0 ? BigTeam : $"Team {t:00}", TimeZoneId = "Europe/Berlin" };
                context.Teams.Add(salesTeam);
                await context.SaveChangesAsync();
                var reps = Enumerable.Range(0, RepsPerTeam)
                    .Select(r => new Person { Email = $"rep{t:00}-{r:00}@pipeline.bench", Name = $"Rep {t}-{r}", Memberships = [new TeamMembership { TeamId = salesTeam.Id }] })
                    .ToList();
                context.People.AddRange(reps);
                if (t == 0)
                {
                    context.People.Add(new Person { Email = ManagerEmail, Name = "Manager Big", Role = PersonRole.Manager, Memberships = [new TeamMembership { TeamId = salesTeam.Id }] });
                }

                await context.SaveChangesAsync();
                teams.Add((salesTeam.Id, [.. reps.Select(r => r.Id)]));
            }
        }

        await using var seedContext = db.Services.GetRequiredService<SalesCoachDbContextFactory>().CreateDbContext();
        var postgres = seedContext.Provider == DatabaseProvider.Postgres;
        var connection = seedContext.Database.GetDbConnection();
        await connection.OpenAsync();
        var inv = CultureInfo.InvariantCulture;
        long historyRows = 0, confirmations = 0;
        if (postgres)
        {
            // COPY … FROM STDIN (FORMAT BINARY), one pass per table (one COPY at a time on a connection), in one
            // transaction: single-row INSERTs of 1,000,000 history rows had not finished after 15 minutes at load 30–49.
            // The change log's statement triggers run once per COPY.
            var npgsql = (NpgsqlConnection)connection;
            await using var transaction = await npgsql.BeginTransactionAsync();
            await using (var deals = await npgsql.BeginBinaryImportAsync(
                "COPY deals (id, external_id, name, account, amount, currency, owner_id, team_id, stage_id, stage_entered_at, next_step_at, created_at, status, lost_reason, closed_at, stage_version, last_activity_at) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < size.Deals; i++)
                {
                    var d = Generate(i, size, teams, funnel, now);
                    await deals.StartRowAsync();
                    await deals.WriteAsync(i + 1L, NpgsqlDbType.Bigint);
                    await deals.WriteAsync($"PB{i}", NpgsqlDbType.Varchar);
                    await deals.WriteAsync($"Bench deal {i}", NpgsqlDbType.Varchar);
                    await deals.WriteAsync("Bench", NpgsqlDbType.Varchar);
                    await deals.WriteAsync(d.Amount, NpgsqlDbType.Numeric);
                    await deals.WriteAsync(d.Currency, NpgsqlDbType.Varchar);
                    await deals.WriteAsync(d.Owner, NpgsqlDbType.Bigint);
                    await deals.WriteAsync(d.Team, NpgsqlDbType.Bigint);
                    await deals.WriteAsync(d.Stage, NpgsqlDbType.Varchar);
                    await deals.WriteAsync(d.StageEntered, NpgsqlDbType.TimestampTz);
                    await WriteOrNullAsync(deals, d.NextStepAt, NpgsqlDbType.TimestampTz);
                    await deals.WriteAsync(d.Created, NpgsqlDbType.TimestampTz);
                    await deals.WriteAsync(d.Status, NpgsqlDbType.Varchar);
                    await WriteOrNullAsync(deals, d.LostReason, NpgsqlDbType.Varchar);
                    await WriteOrNullAsync(deals, d.ClosedAt, NpgsqlDbType.TimestampTz);
                    await deals.WriteAsync(1, NpgsqlDbType.Integer);
                    await deals.WriteAsync(d.LastActivity, NpgsqlDbType.TimestampTz);
                }

                await deals.CompleteAsync();
            }

            await using (var history = await npgsql.BeginBinaryImportAsync("COPY stage_history (deal_id, stage_id, entered_at, kind) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < size.Deals; i++)
                {
                    foreach (var (stage, at) in Generate(i, size, teams, funnel, now).History)
                    {
                        await history.WriteRowAsync(CancellationToken.None, i + 1L, stage, at, "Imported");
                        historyRows++;
                    }
                }

                await history.CompleteAsync();
            }

            await using (var confirm = await npgsql.BeginBinaryImportAsync(
                "COPY confirmations (deal_id, stage_id, stage_version, item_id, person_id, confirmed_at, channel) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < size.Deals; i++)
                {
                    var d = Generate(i, size, teams, funnel, now);
                    foreach (var (stage, item, at) in d.Confirmations)
                    {
                        await confirm.WriteRowAsync(CancellationToken.None, i + 1L, stage, 1, item, d.Owner, at, "Teams");
                        confirmations++;
                    }
                }

                await confirm.CompleteAsync();
            }

            await transaction.CommitAsync();

            // Ids were given explicitly: move the sequences past them, and give the planner fresh statistics.
            await using var fix = connection.CreateCommand();
            fix.CommandText = "SELECT setval(pg_get_serial_sequence('deals', 'id'), (SELECT max(id) FROM deals)); ANALYZE;";
            await fix.ExecuteNonQueryAsync();
        }
        else
        {
            // Prepared single-row inserts: SQLite stores times as UTC ticks and amounts as text.
            await using var transaction = await connection.BeginTransactionAsync();
            var deal = Prepare(connection, transaction,
                "INSERT INTO deals (id, external_id, name, account, amount, currency, owner_id, team_id, stage_id, stage_entered_at, next_step_at, created_at, status, lost_reason, closed_at, reengage_at, stage_version, last_activity_at) " +
                "VALUES (@id, @ext, @name, 'Bench', @amount, @currency, @owner, @team, @stage, @entered, @next, @created, @status, @reason, @closed, NULL, 1, @activity)",
                "@id", "@ext", "@name", "@amount", "@currency", "@owner", "@team", "@stage", "@entered", "@next", "@created", "@status", "@reason", "@closed", "@activity");
            var history = Prepare(connection, transaction,
                "INSERT INTO stage_history (deal_id, stage_id, entered_at, kind) VALUES (@deal, @stage, @at, 'Imported')", "@deal", "@stage", "@at");
            var confirm = Prepare(connection, transaction,
                "INSERT INTO confirmations (deal_id, stage_id, stage_version, item_id, person_id, confirmed_at, channel) VALUES (@deal, @stage, 1, @item, @person, @at, 'Teams')",
                "@deal", "@stage", "@item", "@person", "@at");
            for (var i = 0; i < size.Deals; i++)
            {
                var d = Generate(i, size, teams, funnel, now);
                Set(deal, i + 1L, $"PB{i}", $"Bench deal {i}", d.Amount.ToString("0.00", inv), d.Currency,
                    d.Owner, d.Team, d.Stage, d.StageEntered.UtcTicks, d.NextStepAt?.UtcTicks, d.Created.UtcTicks,
                    d.Status, d.LostReason, d.ClosedAt?.UtcTicks, d.LastActivity.UtcTicks);
                await deal.ExecuteNonQueryAsync();
                foreach (var (stage, at) in d.History)
                {
                    Set(history, i + 1L, stage, at.UtcTicks);
                    await history.ExecuteNonQueryAsync();
                    historyRows++;
                }

                foreach (var (stage, item, at) in d.Confirmations)
                {
                    Set(confirm, i + 1L, stage, item, d.Owner, at.UtcTicks);
                    await confirm.ExecuteNonQueryAsync();
                    confirmations++;
                }
            }

            await transaction.CommitAsync();
        }

        Console.WriteLine(string.Create(inv,
            $"seeded {size.Deals:N0} deals ({size.Deals / 2:N0} in \"{BigTeam}\"), {historyRows:N0} history rows, {confirmations:N0} confirmations in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s (CPU {(Machine.Cpu() - cpu).TotalSeconds:F1} s)"));
    }

    private static object At(bool postgres, DateTimeOffset at) => postgres ? at.ToUniversalTime() : at.UtcTicks;

    private sealed record SeedDeal(
        long Team, long Owner, decimal Amount, string Currency, string Stage, DateTimeOffset StageEntered, DateTimeOffset? NextStepAt,
        DateTimeOffset Created, string Status, string? LostReason, DateTimeOffset? ClosedAt, DateTimeOffset LastActivity,
        (string Stage, DateTimeOffset At)[] History, (string Stage, string Item, DateTimeOffset At)[] Confirmations);

    /// <summary>
    /// Deal <paramref name="i"/> of the data set, the same on every call: half the deals in the big team, the rest over
    /// the small ones; starts spread over three years; a quarter won (with two confirmations), a quarter lost, half open.
    /// </summary>
    private static SeedDeal Generate(int i, DataSize size, List<(long Id, List<long> Reps)> teams, IReadOnlyList<SalesCoachBot.Core.ProcessMaps.Stage> funnel, DateTimeOffset now)
    {
        var (teamId, reps) = i < size.Deals / 2 ? teams[0] : teams[1 + (i % SmallTeams)];
        var owner = reps[i % reps.Count];
        var perDeal = size.HistoryRows / size.Deals;
        var extra = size.HistoryRows % size.Deals;
        var rows = Math.Max(1, perDeal + (i < extra ? 1 : 0));
        var gap = 2 + (i % 9);
        var start = now.AddDays(-((long)i * 7919 % 1095) - (rows * gap)).AddHours(-(i % 24));
        var fate = i % 4; // 0 won, 1 lost, else open
        var reach = fate == 0 ? funnel.Count - 1 : i % Math.Max(1, funnel.Count - 1);
        var entered = new DateTimeOffset[rows];
        var stages = new int[rows];
        for (var k = 0; k < rows; k++)
        {
            stages[k] = rows == 1 ? reach : k * reach / (rows - 1);
            entered[k] = start.AddDays(k * gap);
        }

        var last = rows - 1;
        var firstInLast = Array.IndexOf(stages, stages[last]);
        var itemStageIndex = funnel.Count > 1 ? 1 : 0;
        var itemStage = funnel[itemStageIndex];
        var itemEntry = Array.IndexOf(stages, itemStageIndex);
        (string, string, DateTimeOffset)[] confirmations = fate == 0 && itemEntry >= 0
            ? [.. itemStage.Checklist.Take(2).Select((item, n) => (itemStage.Id.Value, item.Id.Value, entered[itemEntry].AddDays(n == 0 ? i % 5 : i % 13)))]
            : [];
        return new SeedDeal(
            teamId, owner, 1000 + (i % 997) * 25m, i % 10 == 0 ? "USD" : "EUR", funnel[stages[last]].Id.Value,
            entered[firstInLast].ToUniversalTime(), i % 5 == 0 ? now.AddDays(7).ToUniversalTime() : null, start.ToUniversalTime(),
            fate switch { 0 => "Won", 1 => "Lost", _ => "Open" }, fate == 1 ? LostReasons[i % LostReasons.Length] : null,
            fate < 2 ? entered[last].ToUniversalTime() : null, entered[last].ToUniversalTime(),
            [.. Enumerable.Range(0, rows).Select(k => (funnel[stages[k]].Id.Value, entered[k].ToUniversalTime()))],
            confirmations);
    }

    private static async Task WriteOrNullAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(value, type);
        }
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction? transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        if (connection is not Npgsql.NpgsqlConnection)
        {
            command.Prepare();   // SQLite: parsed once; Npgsql prepares on first execution once the values give the types
        }

        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
