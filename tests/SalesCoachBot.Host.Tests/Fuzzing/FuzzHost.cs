using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Host.Nudges;
using SalesCoachBot.Slack.Processing;
using SalesCoachBot.Teams.Connector;

namespace SalesCoachBot.Host.Tests.Fuzzing;

/// <summary>Which channels the host under test runs.</summary>
internal enum FuzzChannels
{
    Teams,
    Slack,
}

/// <summary>
/// The real host (<c>Program</c> through <see cref="WebApplicationFactory{TEntryPoint}"/>, in Production) over a
/// SQLite file with the demo data, with valid credentials for the fuzzer: a local signing authority for Teams,
/// the Slack signing secret, and Socket Mode to a loopback server. Test doubles only at the edges: the network
/// (<see cref="FuzzNetwork"/>), the Teams connector token, the two nudge background jobs (removed, so nothing writes
/// on a timer), and a pass-through around the coach that counts turns in flight.
/// </summary>
internal sealed class FuzzHost : IAsyncDisposable
{
    private readonly string dir;
    private readonly Factory factory;

    private FuzzHost(string dir, Factory factory, FuzzSigning signing, FuzzSocketServer? socket)
    {
        this.dir = dir;
        this.factory = factory;
        Signing = signing;
        Socket = socket;
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public HttpClient Client { get; }

    public FuzzSigning Signing { get; }

    public FuzzSocketServer? Socket { get; }

    public LogCapture Logs => factory.Logs;

    public TurnCounter Turns => factory.Turns;

    public IServiceProvider Services => factory.Services;

    public string DatabasePath => Path.Combine(dir, "fuzz.db");

    public static async Task<FuzzHost> StartAsync(FuzzChannels channels)
    {
        var dir = Directory.CreateTempSubdirectory("scb-fuzz-").FullName;
        var signing = new FuzzSigning();
        var network = new FuzzNetwork(signing);
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:SalesCoach"] = $"Data Source={Path.Combine(dir, "fuzz.db")}",
            ["Demo:Seed"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };

        FuzzSocketServer? socket = null;
        if (channels == FuzzChannels.Teams)
        {
            settings["Teams:AppId"] = FuzzSigning.AppId;
            settings["Teams:AppPassword"] = "not-used-the-token-provider-is-a-double";
            settings["Teams:OpenIdMetadataUrl"] = FuzzSigning.MetadataUrl;
            settings["Teams:TenantId"] = FuzzSeeds.TenantId;
        }
        else
        {
            socket = await FuzzSocketServer.StartAsync();
            network.SocketUrl = socket.Url;
            settings["Slack:SigningSecret"] = FuzzSigning.SlackSecret;
            settings["Slack:BotToken"] = "xoxb-fuzz-token";
            settings["Slack:AppToken"] = "xapp-fuzz-token";
            settings["Slack:TeamId"] = FuzzSeeds.SlackTeamId;
            settings["Slack:AllowedTeamIds:0"] = FuzzSeeds.SlackTeamId;
            settings["Slack:ApiBaseUrl"] = "https://slack.fuzz.test/api/";
            settings["Slack:ChannelMessageInterval"] = "00:00:00.001";
            settings["Slack:RetryBaseDelay"] = "00:00:00.001";
            settings["Slack:MaxRetries"] = "0";
            settings["Slack:SocketBackoffBase"] = "00:00:00.020";
            settings["Slack:SocketBackoffMax"] = "00:00:00.200";
            settings["Slack:SocketHelloTimeout"] = "00:00:05";
            settings["Slack:SocketMinHealthyTime"] = "00:00:00.001";
            settings["Slack:SocketCloseGrace"] = "00:00:00.500";
        }

        var factory = new Factory(settings, network);
        var host = new FuzzHost(dir, factory, signing, socket);
        if (socket is not null && !await socket.WaitForConnectionAsync(0, TimeSpan.FromSeconds(20)))
        {
            throw new InvalidOperationException("The host did not open its Socket Mode connection.");
        }

        return host;
    }

    /// <summary>
    /// Waits until no Slack work is queued and no turn is in flight (bounded): then a change in the database can only
    /// come from the next request. False when the host stayed busy.
    /// </summary>
    public async Task<bool> WaitIdleAsync(TimeSpan timeout)
    {
        var queue = Services.GetService<SlackWorkQueue>();

        // The queue counts each piece of Slack work from its ack until the worker is done with it, so no item is ever
        // between the two counts: idle once is idle, no "quiet twice in a row" guess.
        bool Idle() => (queue?.Unfinished ?? 0) == 0 && Turns.InFlight == 0;

        var until = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!Idle())
        {
            if (Environment.TickCount64 >= until)
            {
                return false;
            }

            await Task.Delay(1);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
        if (Socket is not null)
        {
            await Socket.DisposeAsync();
        }

        Signing.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the temp folder is cleaned by the OS.
        }
    }

    private sealed class Factory(IReadOnlyDictionary<string, string> settings, FuzzNetwork network) : WebApplicationFactory<Program>
    {
        public LogCapture Logs { get; } = new();

        public TurnCounter Turns { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Settings go in as host settings: WebApplicationFactory hands them to Program as arguments, so the
            // channel registrations (which read configuration while the builder runs) see them.
            builder.UseEnvironment(Environments.Production);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            // Only the capture: the console would print every refusal the fuzzer provokes.
            builder.ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(Logs);
            });
            builder.ConfigureTestServices(services =>
            {
                // The named clients of BotTokenValidator, TeamsConnectorClient and SlackApiClient (internal types). Were a
                // name to change, the host would go to the real network and the run fail loudly (no such hosts).
                foreach (var name in new[] { "SalesCoachBot.Teams.OpenId", "SalesCoachBot.Teams.Connector", "slack" })
                {
                    services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => network);
                }

                services.AddSingleton<IConnectorTokenProvider>(new FixedConnectorToken());

                // The daily nudge jobs write on a timer; they are not under test here and would blur the check
                // that refused requests change nothing.
                foreach (var job in services.Where(d => d.ServiceType == typeof(IHostedService)
                    && (d.ImplementationType == typeof(NudgeSchedulerService) || d.ImplementationType == typeof(OutboxDispatcherService))).ToList())
                {
                    services.Remove(job);
                }

                var coach = services.Single(d => d.ServiceType == typeof(ICoachBot));
                services.Remove(coach);
                // The host may already wrap the bot (the database-outage answer): keep whatever it registered inside.
                services.AddScoped<ICoachBot>(sp => new CountingCoachBot(
                    (ICoachBot)(coach.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, coach.ImplementationType!)), Turns));
            });
        }
    }

    private sealed class FixedConnectorToken : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("fuzz-connector-token");
    }
}

/// <summary>Turns started and in flight, across every channel of the host.</summary>
internal sealed class TurnCounter
{
    private int inFlight;
    private long started;

    public int InFlight => Volatile.Read(ref inFlight);

    public long Started => Interlocked.Read(ref started);

    public void Begin()
    {
        Interlocked.Increment(ref started);
        Interlocked.Increment(ref inFlight);
    }

    public void End() => Interlocked.Decrement(ref inFlight);
}

/// <summary>The real coach, counted.</summary>
internal sealed class CountingCoachBot(ICoachBot inner, TurnCounter turns) : ICoachBot
{
    public async Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        turns.Begin();
        try
        {
            return await inner.HandleAsync(turn, cancellationToken);
        }
        finally
        {
            turns.End();
        }
    }
}

/// <summary>One log line at Warning or above, in the order it was written.</summary>
internal sealed record LogEntry(long Sequence, LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception)
{
    /// <summary>What the fuzzer counts as a failure: an error with an exception (a crash caught by a handler), or anything critical.</summary>
    public bool IsFailure => (Level >= LogLevel.Error && Exception is not null) || Level == LogLevel.Critical;

    public override string ToString() =>
        $"{Level} {Category}[{EventId.Id}] {Message}{(Exception is null ? string.Empty : $" -- {Exception.GetType().Name}: {Exception.Message}\n{Exception.StackTrace}")}";
}

/// <summary>Collects the host's log lines (Warning and above) so the fuzzer can tie crashes to the input that caused them.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();
    private long sequence;

    public long Mark => Interlocked.Read(ref sequence);

    public IReadOnlyList<LogEntry> Since(long mark) => [.. entries.Where(e => e.Sequence > mark)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, EventId id, string message, Exception? exception)
    {
        entries.Enqueue(new LogEntry(Interlocked.Increment(ref sequence), level, category, id, message, exception));
        while (entries.Count > 5_000 && entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                capture.Add(logLevel, category, eventId, formatter(state, exception), exception);
            }
        }
    }
}

/// <summary>
/// Tells whether anything was committed to the SQLite file, from a connection of its own: <c>PRAGMA data_version</c>
/// changes exactly when another connection committed a change.
/// </summary>
internal sealed class DatabaseWatch : IDisposable
{
    private readonly SqliteConnection connection;

    public DatabaseWatch(string path)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
    }

    public long Version()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Rows per table: shown when a refused request changed something.</summary>
    public string Counts()
    {
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        return string.Join(", ", tables.Select(t =>
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{t}\"";
            return $"{t}={count.ExecuteScalar()}";
        }));
    }

    public void Dispose() => connection.Dispose();
}
