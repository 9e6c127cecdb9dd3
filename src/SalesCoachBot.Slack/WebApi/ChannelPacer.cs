using Microsoft.Extensions.Options;

namespace SalesCoachBot.Slack.WebApi;

/// <summary>
/// Spaces the bot's messages per channel (Slack allows about one message a second per channel and
/// answers bursts with 429). Each caller reserves the next free slot, then waits for it.
/// </summary>
public sealed class ChannelPacer(TimeProvider time, IOptions<SlackOptions> options)
{
    private readonly Dictionary<string, DateTimeOffset> nextFree = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public async ValueTask WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        var interval = options.Value.ChannelMessageInterval;
        var now = time.GetUtcNow();
        DateTimeOffset slot;
        lock (gate)
        {
            if (nextFree.Count > 10_000)
            {
                foreach (var stale in nextFree.Where(kv => kv.Value < now).Select(kv => kv.Key).ToList())
                {
                    nextFree.Remove(stale);
                }
            }

            slot = nextFree.TryGetValue(channel, out var free) && free > now ? free : now;
            nextFree[channel] = slot + interval;
        }

        var wait = slot - now;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
