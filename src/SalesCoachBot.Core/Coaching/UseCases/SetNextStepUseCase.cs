using System.Globalization;
using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Dates;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "next step for DEAL: TEXT [DATE]" and the card's "Set next step" form: stores what the next step is and when, the
/// date read in the deal's team's time zone and (for 10/12) the person's locale. A past or unreadable date is refused
/// with the reason and nothing is stored; the same next step said again changes nothing.
/// </summary>
internal sealed class SetNextStepUseCase(
    DealLocator locator, IDealStore deals, TeamRulesProvider teamRules, WhatsNextUseCase whatsNext, CommandDispatcher commands)
    : ICommandHandler<SetNextStepCommand>, ICommandHandler<SetNextStepPayload>, ICommandHandler<NextStepFormPayload>
{
    public const int MaxTextLength = Deal.MaxNextStepLength;

    /// <summary>Every deal but a lost one takes a next step (won deals are still coached through implementation).</summary>
    public static bool CanHaveNextStep(DealStatus status) => status is not DealStatus.Lost;

    public async Task<BotAnswer> HandleAsync(SetNextStepCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(command.Deal, context, id => $"next step for #{id}: {command.Text}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            // "set next step Initech send SOW" in a chat linked to no deal: the step's first words name a deal. Asked back,
            // never stored: the words were not said as "next step for DEAL: STEP".
            if (command.Deal is LinkedDealReference
                && await locator.FindNamedAtAnEndAsync(command.Text, first: true, (_, step) => step.Length > 0, context, cancellationToken) is { } split)
            {
                var wording = command.Language == LanguagePack.Arabic.Code
                    ? $"الخطوة التالية لصفقة {split.Name}: {split.Others}"
                    : Canonical.Command($"next step for {split.Name}: {split.Others}");
                var guess = new SetNextStepCommand(new NameReference(split.Name), split.Others);
                return await commands.DispatchAsync(new ConfirmIntentCommand(guess, wording) { Language = command.Language }, context, cancellationToken);
            }

            // "next step for Initech demo prep": no deal is called "Initech demo prep", one is called "Initech", so the words
            // after it are the step's. Asked back, never stored on a guess. With a clear date and words besides it ("…
            // Initech demo by Friday") only the colon is missing: set as said, the reply showing how it was read.
            if (command.Deal is NameReference { Text: var said } && !command.Done && await locator.NamesNoDealAsync(said, context, cancellationToken)
                && await locator.FindNamedAtAnEndAsync(said, first: true, (_, step) => step.Length > 0, context, cancellationToken) is { } named)
            {
                var step = (named.Others + " " + command.Text).Trim();
                var anyZone = new DateContext(context.Now, TimeZoneInfo.Utc, DateContext.OrderFor(context.Turn.User.Locale));
                if (DateInWords.Find(step, anyZone) is DateReading.Found { Rest: var words } && words.Trim().Length > 0)
                {
                    return await HandleAsync(command with { Deal = new NameReference(named.Name), Text = step, AsksWords = false }, context, cancellationToken);
                }

                var wording = command.Language == LanguagePack.Arabic.Code
                    ? $"الخطوة التالية لصفقة {named.Name}: {step}"
                    : Canonical.Command($"next step for {named.Name}: {step}");
                var guess = new SetNextStepCommand(new NameReference(named.Name), step);
                return await commands.DispatchAsync(new ConfirmIntentCommand(guess, wording) { Language = command.Language }, context, cancellationToken);
            }

            return ((DealLookup.Answered)lookup).Answer;
        }

        if (command.Done)
        {
            return await FinishAsync(found.Deal, context, cancellationToken);
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        var teamId = found.Deal.Deal.TeamId;
        var dateContext = new DateContext(context.Now, rules.Zone(teamId), DateContext.OrderFor(context.Turn.User.Locale)) { Workdays = rules.Workdays(teamId) };
        switch (DateInWords.Find(command.Text, dateContext))
        {
            case DateReading.Found date when date.Rest.Trim().Length == 0 && (command.AsksWords || found.Deal.Deal.NextStep is not { Length: > 0 }):
                // "next step for Initech by Friday": a date and no words, nothing to move: the words are asked for with that date.
                return Refused(context.Say.Coaching("NextStep.WhatOn", found.Deal.Deal.Name, context.Language.Moment(date.At, dateContext.Zone),
                    context.Language.Echo(command.Text.Trim())), context.Say);
            case DateReading.Found date:
                // "change the next step for Initech to Friday": a date and no words moves the step said before.
                var text = date.Rest.Trim() is { Length: 0 } && found.Deal.Deal.NextStep is { Length: > 0 } current ? current : date.Rest;
                return await SetAsync(found.Deal, text, date.At, context, fromCard: false, cancellationToken, date.SaidIn);
            case DateReading.None none:
                return await SetAsync(found.Deal, none.Rest, null, context, fromCard: false, cancellationToken);
            case DateReading.Unreadable unreadable:
                return Refused(context.Say.Coaching("NextStep.Unreadable", unreadable.Problem.In(context.Say)), context.Say);
            case DateReading.InPast past:
                return Refused(PastMessage(past.Phrase, past.At, dateContext, context.Say), context.Say);
            default:
                throw new InvalidOperationException("Unexpected date reading.");
        }
    }

    /// <summary>The form's Save: the picked date (ISO) and the text.</summary>
    public async Task<BotAnswer> HandleAsync(SetNextStepPayload payload, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateByIdAsync(payload.Deal, context, cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        var teamId = found.Deal.Deal.TeamId;
        var dateContext = new DateContext(context.Now, rules.Zone(teamId)) { Workdays = rules.Workdays(teamId) };
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(payload.Date))
        {
            switch (DateInWords.Read(payload.Date, dateContext))
            {
                case DateReading.Found date:
                    at = date.At;
                    break;
                case DateReading.InPast past:
                    return await FormRefusedAsync(found.Deal, SetNextStepPayload.DateInput, PastMessage(past.Phrase, past.At, dateContext, context.Say), context, cancellationToken);
                case DateReading.Unreadable unreadable:
                    return await FormRefusedAsync(found.Deal, SetNextStepPayload.DateInput, unreadable.Problem.In(context.Say), context, cancellationToken);
                default:
                    return await FormRefusedAsync(found.Deal, SetNextStepPayload.DateInput, context.Say.Coaching("NextStep.NotADate", payload.Date), context, cancellationToken);
            }
        }

        var text = payload.Text?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length > MaxTextLength)
        {
            var problem = text.Length == 0
                ? context.Say.Coaching("NextStep.SayWhat")
                : context.Say.Coaching("NextStep.TooLong", MaxTextLength, text.Length);
            return await FormRefusedAsync(found.Deal, SetNextStepPayload.TextInput, problem, context, cancellationToken);
        }

        return await SetAsync(found.Deal, text, at, context, fromCard: true, cancellationToken);
    }

    /// <summary>The form on its own (Slack opens it as a modal from the card's button).</summary>
    public async Task<BotAnswer> HandleAsync(NextStepFormPayload payload, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateByIdAsync(payload.Deal, context, cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var deal = found.Deal.Deal;
        if (!CanHaveNextStep(deal.Status))
        {
            return Refused(context.Say.Coaching("NextStep.Lost", deal.Name, CoachingWording.State(deal.Status, context.Say)), context.Say);
        }

        var zone = (await teamRules.GetAsync(cancellationToken)).Zone(deal.TeamId);
        var form = DealCards.NextStepForm(deal, zone, context.Now, context.Say);
        return new BotAnswer(form.Title, new Card { Kind = CardKind.Form, Title = form.Title, Forms = [form] });
    }

    /// <param name="saidIn">The zone the time was said in ("3pm Dubai time"): the reply gives it beside the team's time.</param>
    private async Task<BotAnswer> SetAsync(DealView view, string text, DateTimeOffset? at, TurnContext context, bool fromCard, CancellationToken cancellationToken, TimeZoneInfo? saidIn = null)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return Refused(context.Say.Coaching("NextStep.What"), context.Say);
        }

        if (text.Length > MaxTextLength)
        {
            return Refused(context.Say.Coaching("NextStep.NothingStored", context.Say.Coaching("NextStep.TooLong", MaxTextLength, text.Length)), context.Say);
        }

        var zone = (await teamRules.GetAsync(cancellationToken)).Zone(view.Deal.TeamId);
        var outcome = await deals.ChangeDealAsync(view.Id, state =>
        {
            var deal = state.Deal;
            if (!AccessPolicy.CanWorkOn(context.Person, deal))
            {
                return DealChangePlan<string>.Nothing(context.Say.Errors("NotYours"));
            }

            if (!CanHaveNextStep(deal.Status))
            {
                return DealChangePlan<string>.Nothing(context.Say.Coaching("NextStep.NothingStored",
                    context.Say.Coaching("NextStep.Lost", deal.Name, CoachingWording.State(deal.Status, context.Say))));
            }

            var said = (at, saidIn) switch
            {
                ({ } when, { } other) when other.BaseUtcOffset != zone.BaseUtcOffset || other.GetUtcOffset(when) != zone.GetUtcOffset(when)
                    => context.Say.Coaching("NextStep.SaidWithDateInZone", deal.Name, text, context.Language.Moment(when, zone),
                        ClockIn(when, other, context.Language), context.Say.ZoneName(other)),
                ({ } when, _) => context.Say.Coaching("NextStep.SaidWithDate", deal.Name, text, context.Language.Moment(when, zone)),
                _ => context.Say.Coaching("NextStep.SaidNoDate", deal.Name, text),
            };

            // A retry (Slack redelivery, Teams resend, the same words again) finds it stored and writes nothing.
            if (string.Equals(deal.NextStep, text, StringComparison.Ordinal) && deal.NextStepAt == at)
            {
                return DealChangePlan<string>.Nothing(said);
            }

            return new DealChangePlan<string>(said)
            {
                NextStep = new NextStepChange(text, at, context.Now) { ByPersonId = context.Person.Id },
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);

        return outcome is null
            ? Errors.Answer(context.Say.Errors("NotFound.Title"), context.Say.Errors("NotFound.See"))
            : await whatsNext.ShowCurrentAsync(view.Id, context, outcome, cancellationToken) with { ReplacesCard = fromCard };
    }

    /// <summary>
    /// "next step for DEAL done": clears the step (so "what's due" and "my deals" no longer list it) and records it as done
    /// in the history, under the rights a new step needs. "done" is never stored as a step; "undo that" does not bring it
    /// back (undo takes back confirmations only).
    /// </summary>
    private async Task<BotAnswer> FinishAsync(DealView view, TurnContext context, CancellationToken cancellationToken)
    {
        var outcome = await deals.ChangeDealAsync(view.Id, state =>
        {
            var deal = state.Deal;
            if (!AccessPolicy.CanWorkOn(context.Person, deal))
            {
                return DealChangePlan<string>.Nothing(NotAllowed);
            }

            // Nothing to finish (none set, or a retry of the same "done"): nothing is written.
            if (deal.NextStep is not { Length: > 0 } step)
            {
                return DealChangePlan<string>.Nothing(context.Say.Coaching("NextStep.DoneNone", deal.Name));
            }

            return new DealChangePlan<string>(context.Say.Coaching("NextStep.DoneSayNext", deal.Name, step))
            {
                NextStep = NextStepChange.Finished(context.Person.Id, context.Now),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);

        return outcome switch
        {
            null => Errors.Answer(context.Say.Errors("NotFound.Title"), context.Say.Errors("NotFound.See")),
            NotAllowed => Errors.Answer(context.Say.Errors("NotAllowed.Title"), context.Say.Errors("NotAllowed.WorkOn")),
            _ => await whatsNext.ShowCurrentAsync(view.Id, context, outcome, cancellationToken),
        };
    }

    private const string NotAllowed = "not-allowed"; // a marker, never shown

    /// <summary>A refused form: the card again with the reason on top (Teams), and the reason per input (Slack's modal).</summary>
    private async Task<BotAnswer> FormRefusedAsync(DealView view, string input, string problem, TurnContext context, CancellationToken cancellationToken)
    {
        var card = await whatsNext.ShowAsync(view, context, context.Say.Coaching("NextStep.NothingStored", problem), cancellationToken);
        return card with { ReplacesCard = true, InputErrors = new Dictionary<string, string>(StringComparer.Ordinal) { [input] = problem } };
    }

    private static string PastMessage(string phrase, DateTimeOffset at, DateContext context, Phrases say) =>
        say.Coaching("NextStep.Past", phrase, say.Language.Moment(at, context.Zone), say.Language.Moment(context.Now, context.Zone), say.ZoneName(context.Zone));

    /// <summary>"15:00" on the clock of <paramref name="zone"/>, as the language writes a time (isolated inside Arabic).</summary>
    private static string ClockIn(DateTimeOffset at, TimeZoneInfo zone, ReplyLanguage language)
    {
        var clock = TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
        return language.IsRightToLeft ? language.Isolate(language.Digits(clock)) : clock;
    }

    private static BotAnswer Refused(string message, Phrases say) => Errors.Answer(say.Coaching("NextStep.NotSet.Title"), message);
}
