using Microsoft.Extensions.Options;
using SalesCoachBot.Core.Abstractions;

namespace SalesCoachBot.Slack.Inbound;

/// <summary>
/// Remembers Events API <c>event_id</c>s so Slack's retries (<c>X-Slack-Retry-Num</c>) are handled once.
/// </summary>
internal interface ISlackEventDeduplicator
{
    /// <summary>True the first time a delivery key (an event id, an interaction's trigger id) is seen within the window; false for a retry.</summary>
    ValueTask<bool> TryBeginAsync(string key, CancellationToken cancellationToken);
}

/// <summary>
/// De-duplication shared by every host on the database (<see cref="IDeliveryClaims"/>): Slack's retry, or the same
/// envelope reaching two hosts behind a load balancer, is handled once. Claims expire after
/// <see cref="SlackOptions.EventDedupeWindow"/>.
/// </summary>
internal sealed class SharedEventDeduplicator(IDeliveryClaims claims, IOptions<SlackOptions> options) : ISlackEventDeduplicator
{
    public async ValueTask<bool> TryBeginAsync(string key, CancellationToken cancellationToken) =>
        await claims.TryClaimAsync("slack:" + key, options.Value.EventDedupeWindow, cancellationToken).ConfigureAwait(false);
}

/// <summary>
/// In-process de-duplication with a time window. With <see cref="SlackOptions.EventDedupeFile"/> set, seen ids are
/// also appended to that file and read back on start, so a retry that arrives after a restart is still recognised.
/// </summary>
internal sealed class WindowedEventDeduplicator : ISlackEventDeduplicator
{
    private readonly Dictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly TimeSpan window;
    private readonly string? file;
    private int appendedSinceCompaction;

    public WindowedEventDeduplicator(TimeProvider time, IOptions<SlackOptions> options)
    {
        this.time = time;
        window = options.Value.EventDedupeWindow;
        file = string.IsNullOrWhiteSpace(options.Value.EventDedupeFile) ? null : options.Value.EventDedupeFile;
        if (file is not null && File.Exists(file))
        {
            var now = time.GetUtcNow();
            foreach (var line in File.ReadLines(file))
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab > 0 && long.TryParse(line.AsSpan(tab + 1), out var unix) &&
                    DateTimeOffset.FromUnixTimeSeconds(unix) is var at && now - at < window)
                {
                    seen[line[..tab]] = at;
                }
            }
        }
    }

    public ValueTask<bool> TryBeginAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(TryBegin(key));

    public bool TryBegin(string eventId)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (seen.TryGetValue(eventId, out var at) && now - at < window)
            {
                return false;
            }

            seen[eventId] = now;
            if (seen.Count > 50_000)
            {
                Prune(now);
            }

            Persist(eventId, now);
            return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var old in seen.Where(kv => now - kv.Value >= window).Select(kv => kv.Key).ToList())
        {
            seen.Remove(old);
        }
    }

    private void Persist(string eventId, DateTimeOffset now)
    {
        if (file is null)
        {
            return;
        }

        if (appendedSinceCompaction++ < 10_000)
        {
            File.AppendAllText(file, $"{eventId}\t{now.ToUnixTimeSeconds()}\n");
            return;
        }

        // Rewrite the file with only the ids still inside the window, so it never grows without bound.
        Prune(now);
        var temp = file + ".tmp";
        File.WriteAllLines(temp, seen.Select(kv => $"{kv.Key}\t{kv.Value.ToUnixTimeSeconds()}"));
        File.Move(temp, file, overwrite: true);
        appendedSinceCompaction = 0;
    }
}
