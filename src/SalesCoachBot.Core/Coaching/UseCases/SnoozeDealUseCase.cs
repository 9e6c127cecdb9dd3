using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Nudges;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// Snoozes: a digest's "snooze" button, "snooze DEAL 3 days|until Monday [because …]" and "unsnooze DEAL". A snoozed
/// deal is left out of stalled lists until then; the snooze (who, until, why) is recorded, and the digest messages that
/// listed the deal are updated in place (<see cref="DigestUpdates"/>). Only the deal's owner, a manager of its team or an
/// admin snoozes it, for 1 to <see cref="MaxDays"/> days. A retried snooze (the same end within minutes) stores nothing new.
/// </summary>
internal sealed class SnoozeDealUseCase(
    DealLocator locator, IDealStore deals, TeamRulesProvider teamRules, DigestUpdates digests, ReplyTexts texts, LanguageChoice languages)
    : ICommandHandler<SnoozeDealPayload>, ICommandHandler<SnoozeCommand>, ICommandHandler<UnsnoozeCommand>
{
    public const int MaxDays = 30;

    /// <summary>The days in the example a reply gives, a number so it is written in the reply's digits.</summary>
    private const int ExampleDays = 3;

    public const int MaxReasonLength = 500;

    /// <summary>A snooze ending within this of the running one is a retry of it (the reason of a retry is the same one).</summary>
    private static readonly TimeSpan RetryTolerance = TimeSpan.FromMinutes(5);

    public async Task<BotAnswer> HandleAsync(SnoozeDealPayload payload, TurnContext context, CancellationToken cancellationToken)
    {
        if (payload.Days is < 1 or > MaxDays)
        {
            return Errors.Answer(context.Say.Coaching("Snooze.Title"), context.Say.Coaching("Snooze.Range", MaxDays));
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
            return Errors.Answer(context.Say.Errors("ReasonTooLong.Title"), context.Say.Coaching("Snooze.ReasonTooLong", MaxReasonLength));
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
            return Errors.Answer(context.Say.Coaching("Snooze.HowLong.Title"), context.Say.Coaching("Snooze.HowLong", reading.Problem?.In(context.Say), found.Deal.Deal.Name, ExampleDays));
        }

        if (until - context.Now > TimeSpan.FromDays(MaxDays))
        {
            return Errors.Answer(context.Say.Coaching("Snooze.TooLong.Title"), context.Say.Coaching("Snooze.TooLong", MaxDays, LocalDate(until, zone, context.Language)));
        }

        var answer = await SnoozeAsync(found.Deal, until, zone, reason, context, cancellationToken);
        // "until Monday 9am": the snooze ends as Monday starts; the time said is not silently dropped.
        return reading.TimeNotKept && answer.Card is { Kind: CardKind.Info } card
            ? answer with { Text = answer.Text + " " + context.Say.Coaching("Snooze.DayNotTime"), Card = card with { Body = [.. card.Body, context.Say.Coaching("Snooze.DayNotTime")] } }
            : answer;
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
                return DealChangePlan<string>.Nothing(context.Say.Coaching("Snooze.NotSnoozed", state.Deal.Name));
            }

            ended = true;
            return new DealChangePlan<string>(context.Say.Coaching("Snooze.Lifted", state.Deal.Name))
            {
                EndSnooze = new SnoozeEnd(context.Person.Id, context.Now),
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken) ?? context.Say.Coaching("Snooze.NothingToUnsnooze");

        if (ended)
        {
            var team = await TeamWordsAsync(found.Deal.Deal.TeamId, cancellationToken);
            await digests.DealChangedAsync(found.Deal.Deal.TeamId, found.Deal.Id, team.Coaching("Snooze.Digest.Lifted", context.Person.Name), context.Now, cancellationToken);
        }

        return Answer(message, refused, context.Say);
    }

    /// <summary>The deal's team's time zone (<see cref="SalesTeamRules.Zone"/>): days are the team's days.</summary>
    private async Task<TimeZoneInfo> ZoneAsync(DealView view, CancellationToken cancellationToken) =>
        (await teamRules.GetAsync(cancellationToken)).Zone(view.Deal.TeamId);

    /// <summary>The digest's words are the team's language (a digest goes in the team's language), not this turn's.</summary>
    private async Task<Phrases> TeamWordsAsync(long teamId, CancellationToken cancellationToken) =>
        texts.In(languages.ForTeam((await teamRules.GetAsync(cancellationToken)).Find(teamId)?.Language));

    /// <summary>The day in the team's zone, in words ("Mon 30 Nov 2026", «الاثنين 30 نوفمبر 2026»), as the language writes it.</summary>
    private static string LocalDate(DateTimeOffset at, TimeZoneInfo zone, ReplyLanguage language) => language.DayInWords(at, zone);

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

            var done = reason is null
                ? context.Say.Coaching("Snooze.Done", state.Deal.Name, LocalDate(until, zone, context.Language))
                : context.Say.Coaching("Snooze.DoneBecause", state.Deal.Name, LocalDate(until, zone, context.Language), reason);
            if (state.View.SnoozedUntil is { } running && (running - until).Duration() <= RetryTolerance)
            {
                // The same snooze again (a retried request, a second press): nothing new to record.
                return DealChangePlan<string>.Nothing(done);
            }

            snoozed = true;
            // The history names the chat the snooze was asked for in, as it does a confirmation's.
            return new DealChangePlan<string>(done) { Snooze = new SnoozeRequest(context.Person.Id, until, context.Now, reason), Source = context.SourceFor(state.View) };
        }, cancellationToken) ?? context.Say.Coaching("Snooze.NothingToSnooze");

        if (snoozed)
        {
            var team = await TeamWordsAsync(view.Deal.TeamId, cancellationToken);
            var day = LocalDate(until, zone, team.Language);
            var line = reason is null
                ? team.Coaching("Snooze.Digest.Snoozed", day, context.Person.Name)
                : team.Coaching("Snooze.Digest.SnoozedBecause", day, context.Person.Name, reason);
            await digests.DealChangedAsync(view.Deal.TeamId, view.Id, line, context.Now, cancellationToken);
        }

        return Answer(message, refused, context.Say);
    }

    /// <summary>Why the person may not snooze this deal, or null when they may.</summary>
    private static string? Refusal(DealView view, TurnContext context)
    {
        var deal = view.Deal;
        if (!AccessPolicy.CanSnooze(context.Person, deal))
        {
            return context.Say.Coaching("Snooze.OnlyOwner", view.OwnerName, view.TeamName, deal.Name);
        }

        return deal.Status != DealStatus.Open ? context.Say.Coaching("Snooze.NotOpen", deal.Name) : null;
    }

    private static BotAnswer Answer(string message, bool refused, Phrases say) =>
        refused ? Errors.Answer(say.Coaching("Snooze.Title"), message) : new(message, Errors.Card(say.Coaching("Snooze.Title"), message) with { Kind = CardKind.Info });
}
