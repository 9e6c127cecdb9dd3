using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
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
        var say = context.Say;
        if (targets is null)
        {
            return Errors.Answer(say.Nudges("Bind.Off.Title"), say.Nudges("Bind.Off"));
        }

        var person = context.Person;
        var team = await directory.FindTeamByNameAsync(command.TeamName, cancellationToken);
        if (team is null || !(person.IsAdmin || (person.IsManager && person.TeamIds.Contains(team.Id))))
        {
            return await RefuseAsync(command.TeamName, person, say, cancellationToken);
        }

        var conversation = context.Turn.Conversation;
        if (NudgeTargets.ChannelOf(conversation) is null)
        {
            return Errors.Answer(say.Nudges("Bind.NotChannel.Title"), say.Nudges("Bind.NotChannel"));
        }

        var added = await targets.BindAsync(team.Id, conversation, person.Id, context.Now, cancellationToken);
        if (added)
        {
            NudgeLog.Bound(logger ?? NullLogger<UseChannelForNudgesUseCase>.Instance, conversation.ToString(), team.Name, person.Id);
        }

        var at = say.Language.Digits(team.NudgeTime.ToString("HH:mm", CultureInfo.InvariantCulture));
        // The zone as the team directory names it ("Berlin", «برلين»); an id the runtime does not know stays as written.
        var zone = NudgeSchedule.TryFindZone(team.TimeZoneId, out var found) ? say.ZoneName(found) : team.TimeZoneId;
        var when = !team.WeekdaysOnly ? say.Nudges("Bind.When.Daily", at, zone)
            : team.Workdays == WorkWeek.MondayToFriday ? say.Nudges("Bind.When.Weekdays", at, zone)
            : say.Nudges("Bind.When.Workdays", at, zone, Workdays(team.Workdays, say));
        var message = say.Nudges(added ? "Bind.Added" : "Bind.Already", team.Name, when);
        return new BotAnswer(message, new Card { Kind = CardKind.Info, Title = say.Nudges("Bind.Title"), Body = [message] });
    }

    /// <summary>A working week other than Monday to Friday in words: "Sunday to Thursday", or the days listed.</summary>
    internal static string Workdays(WorkWeek week, Phrases say)
    {
        string Day(DayOfWeek day) => say.Language.Culture.DateTimeFormat.GetDayName(day);
        return week.Range is var (first, last)
            ? say.Nudges("Bind.Days.Range", Day(first), Day(last))
            : string.Join(say.Nudges("ListSeparator"), week.Days.Select(Day));
    }

    /// <summary>
    /// The same answer whether the team does not exist or is not the person's to manage: the answer depends only on
    /// who asks and the name they typed, so nobody learns which teams exist. Only admins, who see every team, hear
    /// that a name is unknown.
    /// </summary>
    private async Task<BotAnswer> RefuseAsync(string name, PersonView person, Phrases say, CancellationToken cancellationToken)
    {
        if (person.IsAdmin)
        {
            return Errors.Answer(say.Nudges("Bind.UnknownTeam.Title"), say.Nudges("Bind.UnknownTeam", name));
        }

        if (!person.IsManager)
        {
            return Errors.Answer(say.Nudges("Bind.NotAllowed.Title"), say.Nudges("Bind.NotManager", name));
        }

        var managed = (await directory.ListTeamsAsync(cancellationToken))
            .Where(t => person.TeamIds.Contains(t.Id))
            .Select(t => t.Name)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var yours = managed.Count == 0 ? say.Nudges("Bind.NoTeams") : string.Join(say.Nudges("ListSeparator"), managed.Select(say.Language.Isolate));
        return Errors.Answer(say.Nudges("Bind.NotAllowed.Title"), say.Nudges("Bind.NotYours", yours, name));
    }
}
