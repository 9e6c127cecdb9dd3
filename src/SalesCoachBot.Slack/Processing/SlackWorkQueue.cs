using System.Threading.Channels;

namespace SalesCoachBot.Slack.Processing;

/// <summary>The hand-over between an ack and the work behind it. Bounded: a full queue makes Slack retry later.</summary>
internal sealed class SlackWorkQueue
{
    private readonly Channel<SlackWork> channel = Channel.CreateBounded<SlackWork>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
        SingleWriter = false,
    });

    private int unfinished;

    public bool TryEnqueue(SlackWork work)
    {
        Interlocked.Increment(ref unfinished);
        if (channel.Writer.TryWrite(work))
        {
            return true;
        }

        Interlocked.Decrement(ref unfinished);
        return false;
    }

    public ChannelReader<SlackWork> Reader => channel.Reader;

    /// <summary>Work accepted and not finished yet (waiting or in hand): tests wait for zero before asserting nothing was sent.</summary>
    internal int Unfinished => Volatile.Read(ref unfinished);

    /// <summary>The worker is done with one item, however it ended.</summary>
    internal void MarkDone() => Interlocked.Decrement(ref unfinished);
}
