using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Nudges;

/// <summary>
/// "use this channel for EMEA nudges": binds the conversation the command was said in to the team's daily
/// digest. Only the team's managers and admins may; the conversation key says which channel it is.
/// </summary>
internal sealed class UseChannelForNudgesUseCase(
    IDirectoryStore directory,
    INudgeTargetStore? targets = null,
    ILogger<UseChannelForNudgesUseCase>? logger = null) : ICommandHandler<UseChannelForNudgesCommand>
{
    public async Task<BotAnswer> HandleAsync(UseChannelForNudgesCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        if (targets is null)
        {
            return Errors.Answer("Nudges are off", "Daily nudges are not set up in this deployment (no database for them).");
        }

        var person = context.Person;
        var team = await directory.FindTeamByNameAsync(command.TeamName, cancellationToken);
        if (team is null || !(person.IsAdmin || (person.IsManager && person.TeamIds.Contains(team.Id))))
        {
            return await RefuseAsync(command.TeamName, person, cancellationToken);
        }

        var conversation = context.Turn.Conversation;
        if (NudgeTargets.ChannelOf(conversation) is null)
        {
            return Errors.Answer("Not a chat channel", "Say this in the Teams or Slack channel that should get the daily digest.");
        }

        var added = await targets.BindAsync(team.Id, conversation, person.Id, context.Now, cancellationToken);
        if (added)
        {
            NudgeLog.Bound(logger ?? NullLogger<UseChannelForNudgesUseCase>.Instance, conversation.ToString(), team.Name, person.Id);
        }

        var when = string.Create(CultureInfo.InvariantCulture,
            $"{team.NudgeTime:HH:mm} {team.TimeZoneId}{(team.WeekdaysOnly ? " on weekdays" : " every day")}");
        var message = added
            ? $"This channel now gets the {team.Name} stalled-deal digest at {when}."
            : $"This channel already gets the {team.Name} stalled-deal digest at {when}.";
        return new BotAnswer(message, new Card { Kind = CardKind.Info, Title = "Nudges", Body = [message] });
    }

    /// <summary>
    /// The same answer whether the team does not exist or is not the person's to manage: the answer depends only on
    /// who asks and the name they typed, so nobody learns which teams exist. Only admins, who see every team, hear
    /// that a name is unknown.
    /// </summary>
    private async Task<BotAnswer> RefuseAsync(string name, PersonView person, CancellationToken cancellationToken)
    {
        if (person.IsAdmin)
        {
            return Errors.Answer("Unknown team", $"I don't know a team called \"{name}\".");
        }

        if (!person.IsManager)
        {
            return Errors.Answer("Not allowed", $"Only a team's manager or an admin can choose where its nudges go, so I can't do that for \"{name}\".");
        }

        var managed = (await directory.ListTeamsAsync(cancellationToken))
            .Where(t => person.TeamIds.Contains(t.Id))
            .Select(t => t.Name)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var yours = managed.Count == 0 ? "none" : string.Join(", ", managed);
        return Errors.Answer("Not allowed", $"You can choose where nudges go only for the teams you manage ({yours}), not for \"{name}\".");
    }
}
