using Microsoft.Extensions.Logging;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Nudges;

/// <summary>A next step whose date has passed with no activity on the deal since it was set.</summary>
public sealed record DueNextStep(
    DealId Deal,
    string ExternalId,
    string Name,
    long TeamId,
    long OwnerId,
    string? Text,
    DateTimeOffset At,
    DateTimeOffset SetAt);

/// <summary>The next steps a reminder is due for, and the once-per-next-step mark.</summary>
public interface INextStepReminderStore
{
    /// <summary>
    /// Deals of the team (open or nurtured) whose next step is dated in [<paramref name="from"/>, <paramref name="before"/>), not
    /// reminded yet, with no activity after it was set.
    /// </summary>
    Task<IReadOnlyList<DueNextStep>> ListDueAsync(long teamId, DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the next step reminded and enqueues <paramref name="messages"/> in one transaction. False, and nothing written,
    /// when it was reminded already (another run, another host) or replaced since it was read: at most one reminder per next step.
    /// </summary>
    Task<bool> MarkRemindedAndEnqueueAsync(DueNextStep step, DateTimeOffset at, IReadOnlyList<NewOutboxMessage> messages, CancellationToken cancellationToken);
}

/// <summary>
/// "When a next step's date passes with no activity, the owner gets one reminder the next morning": at the team's digest
/// time on the first digest day after the step's local date, one direct message to the owner (every route they have).
/// Steps dated more than <see cref="LookBackDays"/> days back are not reminded (a first run must not dig up old imports).
/// </summary>
public sealed class NextStepReminders(
    IDirectoryStore directory,
    INextStepReminderStore store,
    INudgeRecipients recipients,
    NudgeRunner runner,
    TimeProvider time,
    ILogger<NextStepReminders> logger,
    LanguageChoice? languages = null,
    ReplyTexts? texts = null)
{
    private readonly LanguageChoice _languages = languages ?? new LanguageChoice(Microsoft.Extensions.Options.Options.Create(new LanguageOptions()));
    private readonly ReplyTexts _texts = texts ?? ReplyTexts.Shared;

    public const int LookBackDays = 7;

    /// <summary>Queues the reminders due now; returns how many messages were queued.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var team in await directory.ListTeamsAsync(cancellationToken))
        {
            if (runner.Schedule(team) is not { } schedule || schedule.DueDate(now) is not { } today)
            {
                continue;
            }

            var startOfToday = StartOf(today, schedule.Zone);
            var due = await store.ListDueAsync(team.Id, startOfToday.AddDays(-LookBackDays), startOfToday, cancellationToken);
            if (due.Count == 0)
            {
                continue;
            }

            var owners = (await recipients.ListPeopleAsync([.. due.Select(d => d.OwnerId)], cancellationToken)).ToDictionary(p => p.PersonId);
            foreach (var step in due)
            {
                var routes = owners.TryGetValue(step.OwnerId, out var owner) ? NudgeTargets.DirectRoutes(owner) : [];
                var say = _texts.In(_languages.For(owner?.Language, null, [team.Language]));
                var payload = DigestPayload.Serialize(Message(step, schedule.Zone, say));
                var messages = routes.Select(route => new NewOutboxMessage(step.TeamId, today, route, payload, NudgeKind.NextStepReminder)).ToList();

                // Marked even when the owner has no chat id: the reminder is spent, not retried every poll.
                if (await store.MarkRemindedAndEnqueueAsync(step, now, messages, cancellationToken))
                {
                    queued += messages.Count;
                    NudgeLog.NextStepReminderQueued(logger, step.Deal.Value, team.Name, messages.Count);
                }
            }
        }

        return queued;
    }

    /// <summary>The reminder: what was due when, and a button to the deal's card (where a new next step is set).</summary>
    public static BotAnswer Message(DueNextStep step, TimeZoneInfo zone, Phrases? say = null)
    {
        say ??= Phrases.English;
        var deal = say.Nudges("DealRef", step.Name, "#" + step.ExternalId);
        var when = say.Language.Moment(step.At, zone);
        var command = say.Nudges("Reminder.Command", "#" + step.ExternalId);
        var text = string.IsNullOrWhiteSpace(step.Text)
            ? say.Nudges("Reminder.Text", deal, when, command)
            : say.Nudges("Reminder.TextWithStep", step.Text, deal, when, command);
        return Coaching.CoachBot.InLanguage(new BotAnswer(text, new Card
        {
            Kind = CardKind.Info,
            Title = say.Nudges("Reminder.Title", step.Name),
            Body = [text],
            Actions = [new CardAction(say.Nudges("Reminder.OpenDeal"), new ShowChecklistPayload(step.Deal), CardActionStyle.Primary)],
        }), say.Language);
    }

    private static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = ZonedDay.FirstExisting(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
