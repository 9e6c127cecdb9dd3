using System.Threading.Channels;

namespace SalesCoachBot.Slack.Processing;

/// <summary>The hand-over between an ack and the work behind it. Bounded: a full queue makes Slack retry later.</summary>
public sealed class SlackWorkQueue
{
    private readonly Channel<SlackWork> channel = Channel.CreateBounded<SlackWork>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
        SingleWriter = false,
    });

    public bool TryEnqueue(SlackWork work) => channel.Writer.TryWrite(work);

    public ChannelReader<SlackWork> Reader => channel.Reader;
}
