using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// The channel-neutral bot: identifies the person, understands the turn, and hands the command to the one
/// handler registered for it (<see cref="CommandHandlers"/>). Channel adapters only authenticate, parse and render.
/// </summary>
internal sealed class CoachBot(
    IDirectoryStore directory,
    IProcessMapSource maps,
    TimeProvider time,
    CommandParser parser,
    CoachingMetrics metrics,
    CommandDispatcher commands) : ICoachBot
{
    public async Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        metrics.Turn(turn.Channel.ToString());
        var user = turn.User;
        var person = await directory.FindPersonAsync(user, cancellationToken);
        if (person is null)
        {
            return Errors.Answer("Who are you?",
                "I don't know you yet, so I can't show any deals. Ask your SalesCoachBot admin to add you to the people list.");
        }

        var snapshot = maps.Maps;
        var context = new TurnContext(person, turn, snapshot.Default, time.GetUtcNow()) { Maps = snapshot };
        return turn.Input switch
        {
            TextInput text => await DispatchTextAsync(parser.Parse(text.Text), context, cancellationToken),
            ActionInput action => await commands.DispatchAsync(action.Payload, context, cancellationToken),
            _ => await commands.DispatchAsync(new HelpCommand(), context, cancellationToken),
        };
    }

    // Map text follows the language the person wrote in: «ما التالي لصفقة Acme» shows the Arabic stage and items.
    private Task<BotAnswer> DispatchTextAsync(ChatCommand command, TurnContext context, CancellationToken cancellationToken) =>
        commands.DispatchAsync(command, context with { MapLanguage = command.Language }, cancellationToken);
}
