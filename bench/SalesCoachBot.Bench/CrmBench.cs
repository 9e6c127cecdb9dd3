using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SalesCoachBot.Core.Crm;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Host;
using SalesCoachBot.Host.Cli;

namespace SalesCoachBot.Bench;

/// <summary>
/// <c>crm</c>: the host's own <c>crm sync --full</c> (JWT bearer sign-in, SOQL pages, OpportunityHistory, SQLite) against
/// the fake Salesforce org seeded with N opportunities and 10 stage history rows each, the fake in a separate process so
/// this process's CPU time is ours alone. Prints wall time, our CPU per deal (goal ≤ 50 µs) and the fake's counters.
/// With <c>--provider postgres</c> the database is a fresh one on the server in <c>SALESCOACH_BENCH_POSTGRES</c> /
/// <c>SALESCOACH_TEST_POSTGRES</c>; the server's work is then in its own processes, so the CPU of the backends serving
/// this database is printed beside ours (read from /proc; the server's background writers are not counted).
/// </summary>
internal static class CrmBench
{
    private static readonly Dictionary<string, string> Mapping = new()
    {
        ["sales-engagement"] = "'Prospecting'",
        ["sql"] = "'Qualification'",
        ["discovery"] = "'Needs Analysis'",
        ["demo"] = "'Value Proposition'",
        ["proposal"] = "'Id. Decision Makers', 'Perception Analysis', 'Proposal/Price Quote'",
        ["verbal-agreement"] = "'Negotiation/Review'",
        ["go-live"] = "'Closed Won'",
    };

    /// <summary>Requests to Salesforce's own paths (the fake also counts the calls for its counters).</summary>
    private static long SalesforceRequests(JsonNode counters) =>
        counters["byPath"]!.AsObject().Where(kv => !kv.Key.Contains("/_fake/", StringComparison.Ordinal)).Sum(kv => kv.Value!.GetValue<long>());

    public static async Task<int> RunAsync(DataSize size, string provider)
    {
        var postgres = string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase);
        string? server = null;
        string? database = null;
        if (postgres)
        {
            server = Environment.GetEnvironmentVariable("SALESCOACH_BENCH_POSTGRES") is { Length: > 0 } b ? b
                : Environment.GetEnvironmentVariable("SALESCOACH_TEST_POSTGRES") is { Length: > 0 } t ? t
                : throw new InvalidOperationException("set SALESCOACH_BENCH_POSTGRES (tests/start-postgres.sh prints a connection string)");
            database = $"salescoach_bench_{Guid.NewGuid():N}";
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var perDeal = Math.Max(1, size.HistoryRows / Math.Max(1, size.Deals));
        var folder = Directory.CreateTempSubdirectory("scb-crm-bench-").FullName;
        var pem = Path.Combine(folder, "connected-app.pem");
        var fakeDll = Path.Combine(AppContext.BaseDirectory, "SalesCoachBot.FakeCrm.dll");
        using var fake = Process.Start(new ProcessStartInfo("dotnet", [fakeDll, "salesforce", "0", size.Deals.ToString(CultureInfo.InvariantCulture), perDeal.ToString(CultureInfo.InvariantCulture), pem, "2000"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            var seedStart = Stopwatch.GetTimestamp();
            string? url = null;
            while (await fake.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("FAKE_SALESFORCE_URL=", StringComparison.Ordinal))
                {
                    url = line["FAKE_SALESFORCE_URL=".Length..];
                    break;
                }
            }

            if (url is null)
            {
                await Console.Error.WriteLineAsync("the fake Salesforce org did not start");
                return 1;
            }

            Console.WriteLine($"crm: fake Salesforce org seeded with {size.Deals:N0} opportunities and {size.Deals * perDeal:N0} history rows in {Stopwatch.GetElapsedTime(seedStart).TotalSeconds:0.0} s (separate process)");
            var yaml = ProcessMapLoader.DefaultYaml;
            foreach (var (stage, crm) in Mapping)
            {
                yaml = Regex.Replace(yaml, $"(?m)^  - id: {Regex.Escape(stage)}\\s*$", $"  - id: {stage}\n    crm: {{ pipeline: default, stages: [{crm}] }}");
            }

            yaml = yaml.Replace("not-a-fit] }", "not-a-fit], crm: { pipeline: default, stages: ['Closed Lost'] } }", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(folder, "map.yaml"), yaml, Encoding.UTF8);
            var settings = new Dictionary<string, string>
            {
                ["environment"] = "Production",
                ["Database:Provider"] = postgres ? "Postgres" : "Sqlite",
                ["ConnectionStrings:SalesCoach"] = postgres
                    ? new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString
                    : $"Data Source={Path.Combine(folder, "bench.db")}",
                ["Demo:Seed"] = "true",
                ["ProcessMap:Path"] = Path.Combine(folder, "map.yaml"),
                ["Crm:Provider"] = "salesforce",
                ["Crm:PollInterval"] = "01:00:00",
                ["Crm:Salesforce:LoginUrl"] = url,
                ["Crm:Salesforce:ClientId"] = "3MVG9FAKE.consumer.key",
                ["Crm:Salesforce:Username"] = "integration@example.com",
                ["Crm:Salesforce:CertificatePath"] = pem,
                ["Slack:InstallationsPath"] = Path.Combine(folder, "installations"),
                ["Slack:DataProtectionKeysPath"] = Path.Combine(folder, "keys"),
            };
            await using var app = await StartHostAsync(settings);

            var stdout = new StringWriter(CultureInfo.InvariantCulture);
            var stderr = new StringWriter(CultureInfo.InvariantCulture);

            // The connector alone (HTTP, JSON, records with their history): what reading Salesforce costs us.
            var connector = app.Services.GetRequiredService<ICrmConnector>();
            await connector.ReadSchemaAsync(CancellationToken.None);
            GC.Collect();
            using var readRuntime = Machine.RuntimeShare.Start();
            var readCpu = Machine.Cpu();
            var readStart = Stopwatch.GetTimestamp();
            var read = 0;
            await foreach (var record in connector.ReadChangedAsync(null, withHistory: true, CancellationToken.None))
            {
                read++;
            }

            var readOurs = Machine.Cpu() - readCpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reading alone ({read:N0} records with history, JIT included): wall {Stopwatch.GetElapsedTime(readStart).TotalSeconds:0.0} s, our CPU {readOurs.TotalSeconds:0.0} s = {readOurs.TotalMilliseconds * 1000 / size.Deals:0} µs per deal"));
            Console.WriteLine(readRuntime.Report(size.Deals));

            // A dry run next: it reads everything and decides everything but writes nothing, so the difference between
            // the two runs is the writes, and the real run's figure carries little JIT.
            var backends = postgres ? new ServerBackends(server!, database!) : null;
            GC.Collect();
            var dryServer = backends is null ? TimeSpan.Zero : await backends.CpuAsync();
            using var dryRuntime = Machine.RuntimeShare.Start();
            var dryCpu = Machine.Cpu();
            var dryStart = Stopwatch.GetTimestamp();
            var dryExit = await CliVerbs.RunAsync(app.Services, "crm", ["sync", "--full", "--dry-run"], new CliContext(stdout, stderr), CancellationToken.None);
            var dryWall = Stopwatch.GetElapsedTime(dryStart);
            var dryOurs = Machine.Cpu() - dryCpu;
            var dryRuntimeReport = dryRuntime.Report(size.Deals);
            dryServer = backends is null ? TimeSpan.Zero : await backends.CpuAsync() - dryServer;
            if (dryExit != 0)
            {
                await Console.Error.WriteLineAsync(stderr.ToString());
                return dryExit;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"crm full sync --dry-run (read and decide, no writes; JIT included): wall {dryWall.TotalSeconds:0.0} s, our CPU {dryOurs.TotalSeconds:0.0} s = {dryOurs.TotalMilliseconds * 1000 / size.Deals:0} µs per deal{ServerShare(backends, dryServer, size.Deals)}"));
            Console.WriteLine(dryRuntimeReport);
            stdout.GetStringBuilder().Clear();
            // The fake counts every pass; the real sync's own requests are the difference across it.
            using var http = new HttpClient();
            var countersUrl = new Uri(new Uri(url), "/_fake/counters");
            var before = JsonNode.Parse(await http.GetStringAsync(countersUrl))!;
            GC.Collect();
            var serverCpu = backends is null ? TimeSpan.Zero : await backends.CpuAsync();
            using var runtime = Machine.RuntimeShare.Start();
            var cpu = Machine.Cpu();
            var start = Stopwatch.GetTimestamp();
            var exit = await CliVerbs.RunAsync(app.Services, "crm", ["sync", "--full"], new CliContext(stdout, stderr), CancellationToken.None);
            var wall = Stopwatch.GetElapsedTime(start);
            var ours = Machine.Cpu() - cpu;
            var compiling = runtime.Compiling;
            var runtimeReport = runtime.Report(size.Deals);
            serverCpu = backends is null ? TimeSpan.Zero : await backends.CpuAsync() - serverCpu;
            Console.Write(stdout.ToString());
            if (exit != 0)
            {
                await Console.Error.WriteLineAsync(stderr.ToString());
                return exit;
            }

            var counters = JsonNode.Parse(await http.GetStringAsync(countersUrl))!;
            var perDealUs = ours.TotalMilliseconds * 1000 / size.Deals;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"crm full sync ({(postgres ? "PostgreSQL" : "SQLite")}), this process's first: {size.Deals:N0} deals, {size.Deals * perDeal:N0} history rows: wall {wall.TotalSeconds:0.0} s, our CPU {ours.TotalSeconds:0.0} s = {perDealUs:0.0} µs per deal (goal ≤ 50 µs: {(perDealUs <= 50 ? "met" : "MISSED")}), of which compiling {compiling.TotalSeconds:0.0} s{ServerShare(backends, serverCpu, size.Deals)}; {Machine.Load()}"));
            Console.WriteLine(runtimeReport);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fake's counters: {counters["requests"]} requests ({counters["requests"]!.GetValue<long>() * 100.0 / counters["dailyApiLimit"]!.GetValue<long>():0.00}% of a {counters["dailyApiLimit"]:N0}/24 h allocation), at most {counters["maxConcurrent"]} at once (Salesforce allows 25 long-running), {counters["signIns"]} sign-in(s)"));
            foreach (var (path, count) in counters["byPath"]!.AsObject())
            {
                Console.WriteLine($"  {count,8} {path}");
            }

            var ownRequests = SalesforceRequests(counters) - SalesforceRequests(before);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"the full sync alone: {ownRequests} requests ({ownRequests * 100.0 / counters["dailyApiLimit"]!.GetValue<long>():0.00}% of the 24 h allocation), {ownRequests / Math.Max(0.001, wall.TotalSeconds):0.0} a second"));

            if (!postgres)
            {
                // The same full sync again, by a second host in this process into a new database: the same work with its
                // code already compiled, as in a host that has synced before. The first figure above is a fresh process's.
                settings["ConnectionStrings:SalesCoach"] = $"Data Source={Path.Combine(folder, "bench-second.db")}";
                await using var second = await StartHostAsync(settings);
                // The new host's start-up code is promoted in the background for a few seconds; that is not the sync's.
                var settled = await Machine.CompilingSettledAsync(TimeSpan.FromSeconds(30));
                stdout.GetStringBuilder().Clear();
                GC.Collect();
                using var warmRuntime = Machine.RuntimeShare.Start();
                var warmCpu = Machine.Cpu();
                var warmStart = Stopwatch.GetTimestamp();
                var warmExit = await CliVerbs.RunAsync(second.Services, "crm", ["sync", "--full"], new CliContext(stdout, stderr), CancellationToken.None);
                var warmWall = Stopwatch.GetElapsedTime(warmStart);
                var warmOurs = Machine.Cpu() - warmCpu;
                var warmPerDealUs = warmOurs.TotalMilliseconds * 1000 / size.Deals;
                if (warmExit != 0)
                {
                    await Console.Error.WriteLineAsync(stderr.ToString());
                    return warmExit;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"the same full sync once compiled (a second host in this process, into a new database, begun once compiling had settled, {settled.TotalSeconds:0.0} s after its start): wall {warmWall.TotalSeconds:0.0} s, our CPU {warmOurs.TotalSeconds:0.0} s = {warmPerDealUs:0.0} µs per deal (goal ≤ 50 µs: {(warmPerDealUs <= 50 ? "met" : "MISSED")}); {Machine.Load()}"));
                Console.WriteLine(warmRuntime.Report(size.Deals));
            }

            return 0;
        }
        finally
        {
            fake.Kill();
            await fake.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            if (postgres)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>The host as <c>crm sync</c> runs it: composed from <paramref name="settings"/>, CLI verbs added, database ready.</summary>
    private static async Task<WebApplication> StartHostAsync(Dictionary<string, string> settings)
    {
        var builder = HostComposition.CreateBuilder([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")]);
        builder.Logging.ClearProviders();
        builder.Services.AddCliVerbs();
        var app = builder.Build();
        await HostComposition.InitializeAsync(app);
        return app;
    }

    private static string ServerShare(ServerBackends? backends, TimeSpan cpu, int deals) =>
        backends is null ? string.Empty : string.Create(CultureInfo.InvariantCulture,
            $"; the PostgreSQL server's backends for this database (other processes): {cpu.TotalSeconds:0.0} s = {cpu.TotalMilliseconds * 1000 / deals:0} µs per deal");

    /// <summary>
    /// The CPU time of the server processes serving one database (its connections in <c>pg_stat_activity</c>), read from
    /// /proc: the server runs on this machine (tests/start-postgres.sh). A backend that ended between two readings loses
    /// its time; the pool keeps them open, so few do.
    /// </summary>
    private sealed class ServerBackends(string server, string database)
    {
        private readonly Dictionary<int, TimeSpan> _ended = [];
        private Dictionary<int, TimeSpan> _last = [];

        public async Task<TimeSpan> CpuAsync()
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = @d", connection);
            command.Parameters.AddWithValue("d", database);
            var now = new Dictionary<int, TimeSpan>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var pid = reader.GetInt32(0);
                    if (ProcessCpu(pid) is { } cpu)
                    {
                        now[pid] = cpu;
                    }
                }
            }

            foreach (var (pid, cpu) in _last)
            {
                if (!now.ContainsKey(pid))
                {
                    _ended[pid] = cpu;   // gone: its last reading still counts
                }
            }

            _last = now;
            return now.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b) + _ended.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        }

        /// <summary>utime + stime from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
        private static TimeSpan? ProcessCpu(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                return TimeSpan.FromMilliseconds(ticks * 10);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
