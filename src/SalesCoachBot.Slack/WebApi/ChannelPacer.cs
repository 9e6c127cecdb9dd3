using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Slack.WebApi;

/// <summary>
/// Spaces the bot's messages per channel: Slack allows about one message a second per channel (short bursts
/// pass, longer ones are answered with 429). One token bucket per channel, holding one token that comes back
/// every <see cref="SlackOptions.ChannelMessageInterval"/>; a message without a token waits its turn, oldest first.
/// </summary>
/// <remarks>
/// The framework's partitioned limiter keeps the buckets: it refills them from one timer (every 100 ms, so a wait
/// ends on that beat) and drops a channel's bucket once it has been full for 10 s, however many channels there are.
/// Its clock is the system's, not <see cref="TimeProvider"/>.
/// </remarks>
internal sealed class ChannelPacer : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public ChannelPacer(IOptions<SlackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var interval = options.Value.ChannelMessageInterval;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = interval,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        limiter = PartitionedRateLimiter.Create<string, string>(
            channel => interval > TimeSpan.Zero
                ? RateLimitPartition.GetTokenBucketLimiter(channel, _ => bucket)
                : RateLimitPartition.GetNoLimiter(channel),
            StringComparer.Ordinal);
    }

    /// <summary>How many messages may go into <paramref name="channel"/> now without waiting (0 or 1).</summary>
    internal long Available(string channel) => limiter.GetStatistics(channel)?.CurrentAvailablePermits ?? 0;

    public async ValueTask WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        // A bucket's token is spent when taken; the lease gives nothing back.
        using var lease = await limiter.AcquireAsync(channel, 1, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => limiter.Dispose();
}
