using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Caching;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Data.Infrastructure;

namespace SalesCoachBot.Data.Hosts;

/// <summary>
/// Several hosts on one PostgreSQL (ADR 0016): every invalidation is applied here and announced with
/// <c>pg_notify</c>; <see cref="PostgresCacheListener"/> on every other host applies it there. A lost announcement
/// (the database unreachable just then) costs no more than the region's lifetime, which still bounds every entry.
/// </summary>
internal sealed partial class PostgresCacheInvalidation(
    SharedCache cache, SalesCoachDbContextFactory factory, CacheNotificationOrigin origin, ILogger<PostgresCacheInvalidation> logger) : ICacheInvalidation
{
    public const string Channel = "salescoach_cache";

    public async ValueTask InvalidateAsync(CacheKey key, CancellationToken cancellationToken = default)
    {
        await cache.InvalidateAsync(key, cancellationToken).ConfigureAwait(false);
        if (CacheNotificationOrigin.Format(origin.Id, key) is not { } payload)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(factory.ConnectionString);
            await connection.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payload", payload);
            await notify.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The write committed; other hosts see it when their entry expires (Cache:ReadLifetime) instead of at once.
            NotifyFailed(logger, key.Region, e);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Cache: could not announce an invalidation of {Region} to the other hosts; they see the change when their entry expires")]
    private static partial void NotifyFailed(ILogger logger, CacheRegion region, Exception exception);
}

/// <summary>This process's id in announcements, so a host skips its own (it applied them already).</summary>
internal sealed class CacheNotificationOrigin
{
    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary><c>origin|region|key</c>; null for regions never announced (Teams tokens: secrets, and per-host by nature).</summary>
    public static string? Format(string origin, CacheKey key) =>
        key.Region == CacheRegion.TeamsTokens ? null
        : string.Create(CultureInfo.InvariantCulture, $"{origin}|{(int)key.Region}|{key.Text}");

    /// <summary>The key of an announcement from another host; null for this host's own or an unreadable one.</summary>
    public static CacheKey? Parse(string self, string payload)
    {
        var parts = payload.Split('|', 3);
        if (parts.Length != 3 || parts[0] == self || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var r)
            || !Enum.IsDefined((CacheRegion)r) || (CacheRegion)r == CacheRegion.TeamsTokens)
        {
            return null;
        }

        return CacheKey.FromText((CacheRegion)r, parts[2].Length == 0 ? null : parts[2]);
    }
}

/// <summary>
/// Keeps one connection per host listening on <see cref="PostgresCacheInvalidation.Channel"/> and applies what other
/// hosts announce. After a lost connection it drops every region before listening again: announcements made
/// while it was away are gone, so everything cached then is suspect.
/// </summary>
internal sealed partial class PostgresCacheListener(
    SharedCache cache,
    SalesCoachDbContextFactory factory,
    CacheNotificationOrigin origin,
    TimeProvider time,
    ILogger<PostgresCacheListener> logger,
    IDatabaseOutages outages) : BackgroundService
{
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests, and a host that wants to know).</summary>
    public Task Listening => listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(factory.ConnectionString) { KeepAlive = 15, Pooling = false }.ConnectionString);
                var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
                connection.Notification += (_, e) => received.Enqueue(e.Payload);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresCacheInvalidation.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                if (!first)
                {
                    await DropEverythingAsync().ConfigureAwait(false);
                    Reconnected(logger);
                }

                outages.Reachable();

                first = false;
                delay = TimeSpan.FromMilliseconds(250);
                listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                    while (received.TryDequeue(out var payload))
                    {
                        await ApplyAsync(payload).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.IO.IOException)
            {
                // The database gone: said once for every worker by the outage log. A lost connection alone: said here.
                if (!outages.Report("cache listener", e))
                {
                    ListenLost(logger, delay, e);
                }

                first = first && !listening.Task.IsCompleted;
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task ApplyAsync(string payload)
    {
        if (CacheNotificationOrigin.Parse(origin.Id, payload) is { } key)
        {
            await cache.InvalidateAsync(key).ConfigureAwait(false);
        }
    }

    private async Task DropEverythingAsync()
    {
        foreach (var region in Enum.GetValues<CacheRegion>())
        {
            await cache.InvalidateAsync(CacheKey.All(region)).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Cache: the invalidation listener lost its PostgreSQL connection; retrying in {Delay} (until then other hosts' changes show within Cache:ReadLifetime)")]
    private static partial void ListenLost(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Cache: the invalidation listener is back; every cached entry was dropped, as announcements may have been missed")]
    private static partial void Reconnected(ILogger logger);
}
