using System.Globalization;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// Snoozes: a digest's "snooze" button, "snooze DEAL 3 days|until Monday [because …]" and "unsnooze DEAL". A snoozed
/// deal is left out of stalled lists until then; the snooze (who, until, why) is recorded, and the digest messages that
/// listed the deal are updated in place (<see cref="DigestUpdates"/>). Only the deal's owner, a manager of its team or an
/// admin snoozes it, for 1 to <see cref="MaxDays"/> days. A retried snooze (the same end within minutes) stores nothing new.
/// </summary>
internal sealed class SnoozeDealUseCase(DealLocator locator, IDealStore deals, TeamRulesProvider teamRules, DigestUpdates digests)
    : ICommandHandler<SnoozeDealPayload>, ICommandHandler<SnoozeCommand>, ICommandHandler<UnsnoozeCommand>
{
    public const int MaxDays = 30;

    public const int MaxReasonLength = 500;

    /// <summary>A snooze ending within this of the running one is a retry of it (the reason of a retry is the same one).</summary>
    private static readonly TimeSpan RetryTolerance = TimeSpan.FromMinutes(5);

    public async Task<BotAnswer> HandleAsync(SnoozeDealPayload payload, TurnContext context, CancellationToken cancellationToken)
    {
        if (payload.Days is < 1 or > MaxDays)
        {
            return Errors.Answer("Snooze", $"A deal can be snoozed for 1 to {MaxDays} days.");
        }

        var lookup = await locator.LocateByIdAsync(payload.Deal, context, cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var zone = await ZoneAsync(found.Deal, cancellationToken);
        return await SnoozeAsync(found.Deal, context.Now.AddDays(payload.Days), zone, reason: null, context, cancellationToken);
    }

    public async Task<BotAnswer> HandleAsync(SnoozeCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            return Errors.Answer("Reason too long", $"A snooze reason holds at most {MaxReasonLength} characters; nothing was snoozed.");
        }

        var lookup = await locator.LocateAsync(command.Deal, context, id => $"snooze #{id} {command.DurationText}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var zone = await ZoneAsync(found.Deal, cancellationToken);
        var reading = SnoozeDates.Read(command.DurationText, context.Now, zone);
        if (reading.Until is not { } until)
        {
            return Errors.Answer("How long?", $"{reading.Problem} Nothing was snoozed. Example: \"snooze {found.Deal.Deal.Name} 3 days because the buyer is on leave\".");
        }

        if (until - context.Now > TimeSpan.FromDays(MaxDays))
        {
            return Errors.Answer("Too long", $"A deal can be snoozed for at most {MaxDays} days; {LocalDate(until, zone)} is further away. Nothing was snoozed.");
        }

        return await SnoozeAsync(found.Deal, until, zone, reason, context, cancellationToken);
    }

    public async Task<BotAnswer> HandleAsync(UnsnoozeCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(command.Deal, context, id => $"unsnooze #{id}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var ended = false;
        var refused = false;
        var message = await deals.ChangeDealAsync(found.Deal.Id, state =>
        {
            ended = false;
            refused = Refusal(state.View, context) is not null;
            if (Refusal(state.View, context) is { } refusal)
            {
                return DealChangePlan<string>.Nothing(refusal);
            }

            if (state.View.SnoozedUntil is not { } until || until <= context.Now)
            {
                return DealChangePlan<string>.Nothing($"{state.Deal.Name} is not snoozed.");
            }

            ended = true;
            return new DealChangePlan<string>($"{state.Deal.Name} is no longer snoozed: it shows in stalled lists again when it is stalled.")
            {
                EndSnooze = new SnoozeEnd(context.Person.Id, context.Now),
            };
        }, cancellationToken) ?? "Nothing to unsnooze.";

        if (ended)
        {
            await digests.DealChangedAsync(found.Deal.Deal.TeamId, found.Deal.Id, $"Snooze lifted by {context.Person.Name}", context.Now, cancellationToken);
        }

        return Answer(message, refused);
    }

    /// <summary>The deal's team's time zone (UTC when the team names none that is known): days are the team's days.</summary>
    private async Task<TimeZoneInfo> ZoneAsync(DealView view, CancellationToken cancellationToken)
    {
        var rules = await teamRules.GetAsync(cancellationToken);
        return rules.Find(view.Deal.TeamId) is { } team && TimeZoneInfo.TryFindSystemTimeZoneById(team.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private static string LocalDate(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<BotAnswer> SnoozeAsync(DealView view, DateTimeOffset until, TimeZoneInfo zone, string? reason, TurnContext context, CancellationToken cancellationToken)
    {
        var snoozed = false;
        var refused = false;
        var message = await deals.ChangeDealAsync(view.Id, state =>
        {
            snoozed = false;
            refused = Refusal(state.View, context) is not null;
            if (Refusal(state.View, context) is { } refusal)
            {
                return DealChangePlan<string>.Nothing(refusal);
            }

            var done = $"Snoozed {state.Deal.Name} until {LocalDate(until, zone)}{(reason is null ? string.Empty : $" ({reason})")}: it is left out of stalled lists until then. Say \"unsnooze {state.Deal.Name}\" to end it early.";
            if (state.View.SnoozedUntil is { } running && (running - until).Duration() <= RetryTolerance)
            {
                // The same snooze again (a retried request, a second press): nothing new to record.
                return DealChangePlan<string>.Nothing(done);
            }

            snoozed = true;
            return new DealChangePlan<string>(done) { Snooze = new SnoozeRequest(context.Person.Id, until, context.Now, reason) };
        }, cancellationToken) ?? "Nothing to snooze.";

        if (snoozed)
        {
            var line = $"Snoozed until {LocalDate(until, zone)} by {context.Person.Name}{(reason is null ? string.Empty : $": {reason}")}";
            await digests.DealChangedAsync(view.Deal.TeamId, view.Id, line, context.Now, cancellationToken);
        }

        return Answer(message, refused);
    }

    /// <summary>Why the person may not snooze this deal, or null when they may.</summary>
    private static string? Refusal(DealView view, TurnContext context)
    {
        var deal = view.Deal;
        if (!AccessPolicy.CanSnooze(context.Person, deal))
        {
            return $"Only {view.OwnerName} (the owner) or a manager of {view.TeamName} can snooze or unsnooze {deal.Name}. Nothing changed.";
        }

        return deal.Status != DealStatus.Open ? $"{deal.Name} is not open; nothing to snooze." : null;
    }

    private static BotAnswer Answer(string message, bool refused) =>
        refused ? Errors.Answer("Snooze", message) : new(message, Errors.Card("Snooze", message) with { Kind = CardKind.Info });
}
