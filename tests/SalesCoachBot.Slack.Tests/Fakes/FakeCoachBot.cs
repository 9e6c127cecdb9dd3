using System.Collections.Concurrent;
using SalesCoachBot.Core.Conversations;

namespace SalesCoachBot.Slack.Tests.Fakes;

/// <summary>Stands in for the core: records every turn and answers with a scripted reply.</summary>
internal sealed class FakeCoachBot : ICoachBot
{
    public ConcurrentQueue<ChatTurn> Turns { get; } = new();

    public Func<ChatTurn, BotAnswer> Reply { get; set; } = turn => new BotAnswer("You said: " + (turn.Input as TextInput)?.Text);

    /// <summary>When set, every answer waits for this task: the test decides when a "slow" core answers.</summary>
    public Task? HoldAnswersUntil { get; set; }

    public async Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        Turns.Enqueue(turn);
        if (HoldAnswersUntil is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        return Reply(turn);
    }
}
