using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SalesCoachBot.Data.Hosts;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Tests;

/// <summary>A database outage is said once, reminded with a growing gap, and its end said once; the rest at Debug.</summary>
public sealed class DatabaseOutageLogTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<DatabaseOutageLog> _logger = new();
    private readonly DatabaseOutageLog _outages;

    public DatabaseOutageLogTests()
    {
        var factory = new SalesCoachDbContextFactory(new DatabaseOptions
        {
            Provider = "Postgres",
            ConnectionString = "Host=db.internal;Port=5432;Database=salescoach;Username=coach;Password=hunter2",
        });
        _outages = new DatabaseOutageLog(factory, _time, _logger);
    }

    private static Exception Refused() =>
        new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Failed to connect to 10.0.0.9:5432", new SocketException((int)SocketError.ConnectionRefused)));

    private List<FakeLogRecord> Said => [.. _logger.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Information)];

    [Fact]
    public void Report_EveryFiveSecondsForAnHour_OneWarningThenRemindersThatSpreadOut()
    {
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(1); elapsed += TimeSpan.FromSeconds(5))
        {
            Assert.True(_outages.Report("digest dispatcher", Refused()));
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        var said = Said;
        Assert.All(said, r => Assert.Equal(LogLevel.Warning, r.Level));
        Assert.Equal(
            "The database (PostgreSQL db.internal:5432/salescoach) is unreachable: Failed to connect to 10.0.0.9:5432 (Connection refused). " +
            "Digests, CRM sync and cache invalidation wait and try again by themselves; chat turns are answered \"try again in a minute\"; /readyz answers 503",
            said[0].Message);
        // The gap doubles from a minute (at most 30): 1, 3, 7, 15 and 31 minutes into the outage, the next at 61.
        Assert.Equal(["1 min", "3 min", "7 min", "15 min", "31 min"], said.Skip(1).Select(r => r.Message.Split("for ")[1].Split(':')[0]));
        Assert.DoesNotContain(said, r => r.Exception is not null || r.Message.Contains("hunter2", StringComparison.Ordinal));
        Assert.Equal(720, _logger.Collector.GetSnapshot().Count(r => r.Level == LogLevel.Debug && r.Exception is not null));
    }

    [Fact]
    public void Reachable_AfterAnOutage_OneInformationLineThenQuiet()
    {
        _outages.Report("cache listener", Refused());
        _time.Advance(TimeSpan.FromSeconds(90));

        _outages.Reachable();
        _outages.Reachable();

        var back = Assert.Single(Said, r => r.Level == LogLevel.Information);
        Assert.Equal("The database (PostgreSQL db.internal:5432/salescoach) is reachable again, after 1 min", back.Message);
    }

    [Fact]
    public void Report_NotAnOutage_LeftToTheCaller()
    {
        Assert.False(_outages.Report("digest dispatcher", new InvalidOperationException("Sequence contains no elements")));
        Assert.False(_outages.Report("digest dispatcher", new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.Empty(_logger.Collector.GetSnapshot());
    }
}
