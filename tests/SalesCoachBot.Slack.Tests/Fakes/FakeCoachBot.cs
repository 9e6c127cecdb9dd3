using System.Collections.Concurrent;
using SalesCoachBot.Core.Conversations;

namespace SalesCoachBot.Slack.Tests.Fakes;

/// <summary>Stands in for the core: records every turn and answers with a scripted reply.</summary>
internal sealed class FakeCoachBot : ICoachBot
{
    public ConcurrentQueue<ChatTurn> Turns { get; } = new();

    public Func<ChatTurn, BotAnswer> Reply { get; set; } = turn => new BotAnswer("You said: " + (turn.Input as TextInput)?.Text);

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public async Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        Turns.Enqueue(turn);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        return Reply(turn);
    }
}
