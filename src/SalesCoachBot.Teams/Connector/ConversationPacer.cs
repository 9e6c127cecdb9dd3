using System.Collections.Concurrent;

namespace SalesCoachBot.Teams.Connector;

/// <summary>
/// Keeps messages to one conversation within Teams' per-thread limits (7 in 1 s, 8 in 2 s,
/// 60 in 30 s) and in the order they were queued, so a burst waits instead of being refused
/// with 429. Each call reserves the earliest slot that keeps every window within its limit.
/// </summary>
internal sealed class ConversationPacer(TimeProvider timeProvider)
{
    internal static readonly (int Count, TimeSpan Window)[] Limits =
        [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30))];

    /// <summary>Past this many tracked conversations, quiet ones are forgotten, at most once per longest window.</summary>
    internal const int TrackedBeforeSweep = 10_000;

    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> sent = new(StringComparer.Ordinal);
    private long nextSweepTicks;

    /// <summary>Conversations with a message in the last window (or not yet swept).</summary>
    internal int Tracked => sent.Count;

    /// <summary>How many times the tracked conversations were swept.</summary>
    internal int Sweeps { get; private set; }

    /// <summary>Waits until a message may go to <paramref name="conversationId"/>; returns how long it waited.</summary>
    public async Task<TimeSpan> WaitTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var wait = Reserve(conversationId, now);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken);
        }

        return wait;
    }

    internal TimeSpan Reserve(string conversationId, DateTimeOffset now)
    {
        // A sweep reads every tracked conversation. With more than the threshold all active in one window,
        // sweeping on every call would cost each message a scan of them all.
        var due = Interlocked.Read(ref nextSweepTicks);
        if (sent.Count > TrackedBeforeSweep && now.UtcTicks >= due
            && Interlocked.CompareExchange(ref nextSweepTicks, (now + Longest).UtcTicks, due) == due)
        {
            Forget(now);
        }

        var times = sent.GetOrAdd(conversationId, _ => []);
        lock (times)
        {
            times.RemoveAll(t => t <= now - Longest);
            var slot = times.Count > 0 && times[^1] > now ? times[^1] : now;   // keep the order of the queue
            bool moved;
            do
            {
                moved = false;
                foreach (var (count, window) in Limits)
                {
                    var inWindow = times.Count(t => t > slot - window);
                    if (inWindow >= count)
                    {
                        // the oldest message that still counts must leave the window first
                        slot = times[times.Count - count] + window;
                        moved = true;
                    }
                }
            }
            while (moved);

            times.Add(slot);
            return slot - now;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        Sweeps++;
        foreach (var (key, times) in sent)
        {
            lock (times)
            {
                if (times.Count == 0 || times[^1] <= now - Longest)
                {
                    sent.TryRemove(key, out _);
                }
            }
        }
    }
}
