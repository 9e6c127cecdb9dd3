using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Coaching.UseCases;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Localization;
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
    CommandDispatcher commands,
    TeamRulesProvider teamRules,
    LanguageChoice languages,
    ReplyTexts texts) : ICoachBot
{
    public async Task<BotAnswer> HandleAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        metrics.Turn(turn.Channel.ToString());
        var user = turn.User;
        var person = await directory.FindPersonAsync(user, cancellationToken);
        // A button that runs a command (an ask-back's Yes, a choice among deals) is words the person chose: «أجّل Initech»
        // pressed is answered in Arabic as it would be typed, whatever their settings say.
        var typed = turn.Words;
        if (person is null)
        {
            var stranger = texts.In(languages.For(null, user.Locale, [], typed));
            return InLanguage(Errors.Answer(stranger.Errors("UnknownPerson.Title"), stranger.Errors("UnknownPerson")), stranger.Language);
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        var command = typed is null ? null : parser.Parse(typed);
        var language = languages.For(person.Language, user.Locale, person.TeamIds.Select(id => rules.Find(id)?.Language), typed, command?.Language);
        var snapshot = maps.Maps;
        // Map text (stage names, checklist items) follows the reply's language: the person's, or the one they wrote in.
        var context = new TurnContext(person, turn, snapshot.Default, time.GetUtcNow()) { Maps = snapshot, Say = texts.In(language), MapLanguage = language.Code };
        var answer = turn.Input switch
        {
            TextInput when command is not null => await commands.DispatchAsync(command, context, cancellationToken),
            ActionInput action => await commands.DispatchAsync(action.Payload, context, cancellationToken),
            _ => await commands.DispatchAsync(new HelpCommand(), context, cancellationToken),
        };
        return InLanguage(answer, language);
    }

    /// <summary>Marks the answer's card with its language, so renderers lay it out right to left and word their own parts in it.</summary>
    internal static BotAnswer InLanguage(BotAnswer answer, ReplyLanguage language) =>
        answer.Card is { } card && !ReferenceEquals(language, ReplyLanguage.English) && card.Language is null
            ? answer with { Card = card with { Language = language } }
            : answer;
}
