using System.Threading.RateLimiting;

namespace SalesCoachBot.Teams.Connector;

/// <summary>
/// Keeps messages to one conversation within Teams' per-thread limits (7 in 1 s, 8 in 2 s, 60 in 30 s), so a
/// burst waits instead of being refused with 429: one sliding window per limit and conversation, chained, each
/// serving its waiting messages oldest first.
/// </summary>
/// <remarks>
/// The framework's partitioned limiters keep the windows. One timer each (every 100 ms) moves them on and drops a
/// conversation's window once it has been empty for 10 s, however many conversations there are; their clock is the
/// system's, not <see cref="TimeProvider"/>. A sliding window moves in segments, and a message counts until its
/// whole segment has left the window; so each window is made one segment longer than Teams' (twelve segments of
/// an eleventh), and a message counts for at least Teams' full window, never less.
/// </remarks>
internal sealed class ConversationPacer : IDisposable
{
    internal static readonly (int Count, TimeSpan Window)[] Limits =
        [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30))];

    private const int Segments = 12;

    private readonly PartitionedRateLimiter<string>[] windows;
    private readonly PartitionedRateLimiter<string> limiter;

    public ConversationPacer()
    {
        windows = [.. Limits.Select(limit => PartitionedRateLimiter.Create<string, string>(
            conversationId => RateLimitPartition.GetSlidingWindowLimiter(conversationId, _ => WindowOptions(limit.Count, limit.Window)),
            StringComparer.Ordinal))];
        limiter = PartitionedRateLimiter.CreateChained(windows);
    }

    /// <summary>Waits until a message may go to <paramref name="conversationId"/>.</summary>
    public async ValueTask WaitTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        // A window's permit comes back as time passes; the lease gives nothing back.
        using var lease = await limiter.AcquireAsync(conversationId, 1, cancellationToken);
    }

    /// <summary>At most <paramref name="count"/> messages in any <paramref name="window"/>.</summary>
    internal static SlidingWindowRateLimiterOptions WindowOptions(int count, TimeSpan window)
    {
        // A message counts until its segment leaves the window: eleven whole segments after it was sent at the least.
        var segment = TimeSpan.FromTicks((window.Ticks + Segments - 2) / (Segments - 1));
        return new SlidingWindowRateLimiterOptions
        {
            PermitLimit = count,
            Window = segment * Segments,
            SegmentsPerWindow = Segments,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
    }

    public void Dispose()
    {
        // The chain does not own its limiters.
        limiter.Dispose();
        foreach (var window in windows)
        {
            window.Dispose();
        }
    }
}
