using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "called Initech", "met Globex today", "emailed the proposal to Acme": a logged activity (kind, when, who, chat)
/// that resets the stall rule's idle clock and shows in the history. Rights as for confirmations; a retry of the
/// same turn logs nothing twice (<see cref="NewNote.RetryWindow"/>).
/// </summary>
internal sealed class LogActivityUseCase(DealLocator locator, IDealStore deals, TeamRulesProvider teamRules, WhatsNextUseCase whatsNext)
    : ICommandHandler<LogActivityCommand>
{
    public async Task<BotAnswer> HandleAsync(LogActivityCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(command.Deal, context, id => CanonicalCommand(command, $"#{id}"), cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        if (command.About is { Length: > NewActivity.MaxTextLength } about)
        {
            return new BotAnswer(context.Say.Coaching("Activity.TooLong", NewActivity.MaxTextLength, about.Length, found.Deal.Deal.Name));
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        var zone = rules.Zone(found.Deal.Deal.TeamId);
        // "called Initech at 5pm" said at 10:00: a call still to come is a next step, not one to log. So is "met them this
        // evening" said in the morning: the evening has not begun (a part counts from its start, the earliest it can be).
        if ((command.Clock is not null || command.Part is not null)
            && When(command.Day, command.Clock, context.Now, zone, command.Part) is { At: var said, DayOnly: var partOnly } && said > context.Now)
        {
            return Errors.Answer(context.Say.Coaching("Activity.NotYet.Title"), context.Say.Coaching("Activity.NotYet",
                partOnly ? DayParts.Describe(said, zone, context.Say) : context.Language.Time(said, zone), context.Language.Time(context.Now, zone), found.Deal.Deal.Name));
        }

        var outcome = await deals.ChangeDealAsync(found.Deal.Id, state =>
        {
            if (!AccessPolicy.CanWorkOn(context.Person, state.Deal))
            {
                return DealChangePlan<string>.Nothing(NotAllowed);
            }

            var dealZone = rules.Zone(state.Deal.TeamId);
            var (occurred, dayOnly) = When(command.Day, command.Clock, context.Now, dealZone, command.Part);
            var when = dayOnly ? DayParts.Describe(occurred, dealZone, context.Say)
                : command.Clock is null ? context.Language.DayInWords(occurred, dealZone) : context.Language.Time(occurred, dealZone);
            return new DealChangePlan<string>(context.Say.Coaching("Activity.Logged", Describe(command.Kind, command.About, context.Say), state.Deal.Name, when))
            {
                LogActivity = new NewActivity(context.Person.Id, command.Kind, occurred, context.Now, command.About) { DayOnly = dayOnly },
                // Logged today: the deal had this activity by now. Yesterday: by that day's start (or the time said), the
                // earliest it may have been.
                ActivityAt = command.Day == ActivityDay.Yesterday ? occurred : context.Now,
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);

        if (outcome is null or NotAllowed)
        {
            return Errors.Answer(context.Say.Errors("NotAllowed.Title"), context.Say.Errors("NotAllowed.WorkOn"));
        }

        return await whatsNext.ShowCurrentAsync(found.Deal.Id, context, outcome, cancellationToken);
    }

    /// <summary>
    /// When it happened: now when no day was said; a named day ("today", "yesterday") with no time is that day's start in
    /// the team's <paramref name="zone"/>, marked day-only so no clock time is made up for it; with a part of it ("this
    /// morning") the part's start, day-only too (<see cref="DayParts"/>). A time said ("at 3pm") is that time of the day said
    /// (today when none) in the team's zone.
    /// </summary>
    internal static (DateTimeOffset At, bool DayOnly) When(ActivityDay day, TimeOnly? clock, DateTimeOffset now, TimeZoneInfo zone, DayPart? part = null)
    {
        var today = ZonedDay.Of(now, zone);
        if (clock is { } time)
        {
            var local = ZonedDay.FirstExisting((day == ActivityDay.Yesterday ? today.AddDays(-1) : today).ToDateTime(time, DateTimeKind.Unspecified), zone);

            return (new DateTimeOffset(local, zone.GetUtcOffset(local)), false);
        }

        if (part is { } said)
        {
            return (DayParts.StartOf(day == ActivityDay.Yesterday ? today.AddDays(-1) : today, said, zone), true);
        }

        return day switch
        {
            ActivityDay.Today => (ZonedDay.StartOf(today, zone), true),
            ActivityDay.Yesterday => (ZonedDay.StartOf(today.AddDays(-1), zone), true),
            _ => (now, false),
        };
    }

    /// <summary>"a call", "an email (the proposal)".</summary>
    public static string Describe(ActivityKind kind, string? about, Phrases say)
    {
        var what = kind switch
        {
            ActivityKind.Call => say.Coaching("Activity.Call"),
            ActivityKind.Meeting => say.Coaching("Activity.Meeting"),
            ActivityKind.Email => say.Coaching("Activity.Email"),
            _ => say.Coaching("Activity.Other"),
        };
        return about is { Length: > 0 } ? say.Coaching("Activity.About", what, about) : what;
    }

    /// <summary>The command in its canonical words, for a choice button when several deals fit.</summary>
    private static string CanonicalCommand(LogActivityCommand command, string deal)
    {
        var day = (command.Day, command.Part) switch
        {
            (ActivityDay.Yesterday, { } part) => " yesterday " + part.ToString().ToLowerInvariant(),
            (_, { } part) => " this " + part.ToString().ToLowerInvariant(),
            (ActivityDay.Today, _) => " today",
            (ActivityDay.Yesterday, _) => " yesterday",
            _ => string.Empty,
        } + (command.Clock is { } clock ? " at " + clock.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        return command.Kind switch
        {
            ActivityKind.Call => Canonical.Command($"called {deal}{day}{Said(command.About)}"),
            ActivityKind.Meeting => Canonical.Command($"met {deal}{day}{Said(command.About)}"),
            ActivityKind.Email when command.About is { Length: > 0 } about => Canonical.Command($"emailed {about} to {deal}{day}"),
            ActivityKind.Email => Canonical.Command($"emailed {deal}{day}"),
            _ => Canonical.Command($"sent {command.About ?? "an update"} to {deal}{day}"),
        };
    }

    /// <summary>"called #1003: they want a discount": what was said, after a colon, as the parser reads it back.</summary>
    private static string Said(string? about) => about is { Length: > 0 } ? ": " + about : string.Empty;

    private const string NotAllowed = "not-allowed"; // a marker, never shown
}
