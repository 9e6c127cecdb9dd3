using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "mark DEAL lost because REASON" and "DEAL said no". A no follows the map's branch for the
/// stage: nurture with a re-engage date (most buyers say no several times before yes), lost, or
/// another stage. Closing as lost is for the deal's owner, a manager of its team or an admin: a teammate's
/// "mark lost" (or a no that the map turns into lost) is recorded as a proposal on the deal, the deal stays open,
/// and the owner is asked to confirm (<see cref="CloseProposals"/>).
/// </summary>
internal sealed class CloseDealUseCase(DealLocator locator, IDealStore deals, WhatsNextUseCase whatsNext, CloseProposals proposals)
    : ICommandHandler<MarkLostCommand>, ICommandHandler<SaidNoCommand>
{
    public async Task<BotAnswer> HandleAsync(MarkLostCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Errors.Answer("Reason needed",
                $"Say why it was lost, e.g. \"mark Initech lost because {string.Join(" / ", context.Map.Outcomes.LostReasons.Take(3))}\".");
        }

        return await ChangeAsync(command.Deal, context, id => $"mark #{id} lost because {command.Reason}", (state, stage) =>
        {
            // Lost reasons are the deal's team's map's.
            var reason = NormaliseLostReason(command.Reason, context.MapOf(state.View));
            return new DealChangePlan<string>($"Marked {state.Deal.Name} lost ({reason}).")
            {
                Transition = new StageTransition(stage, DealStatus.Lost, StageChangeKind.Closed, context.Now, context.Person.Id, command.Reason, LostReason: reason),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);
    }

    public Task<BotAnswer> HandleAsync(SaidNoCommand command, TurnContext context, CancellationToken cancellationToken) =>
        ChangeAsync(command.Deal, context, id => $"#{id} said no", (state, stageId) =>
        {
            var map = context.MapOf(state.View);
            var stage = map.GetStage(stageId);
            var target = map.SaidNoTarget(stage);
            if (target.IsNurture)
            {
                var reengage = context.Now.AddDays(map.Outcomes.NurtureReengageAfterDays);
                return new DealChangePlan<string>(
                    $"{state.Deal.Name} goes to nurture, as the map says for {stage.Name}. Re-engage on {DealCards.Date(reengage)}.")
                {
                    Transition = new StageTransition(stageId, DealStatus.Nurture, StageChangeKind.Closed, context.Now, context.Person.Id,
                        "Buyer said no", ReengageAt: reengage),
                    ActivityAt = context.Now,
                    Source = context.SourceFor(state.View),
                };
            }

            if (target.IsLost)
            {
                return new DealChangePlan<string>($"{state.Deal.Name} is marked lost, as the map says for a no in {stage.Name}.")
                {
                    Transition = new StageTransition(stageId, DealStatus.Lost, StageChangeKind.Closed, context.Now, context.Person.Id,
                        "Buyer said no", LostReason: "buyer-said-no"),
                    ActivityAt = context.Now,
                    Source = context.SourceFor(state.View),
                };
            }

            var to = map.GetStage(target.AsStage);
            return new DealChangePlan<string>($"{state.Deal.Name} goes back to {to.Name}, as the map says for a no in {stage.Name}.")
            {
                Transition = new StageTransition(to.Id, DealStatus.Open, StageChangeKind.Moved, context.Now, context.Person.Id, "Buyer said no"),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);

    private async Task<BotAnswer> ChangeAsync(
        DealReference reference,
        TurnContext context,
        Func<string, string> retry,
        Func<DealState, StageId, DealChangePlan<string>> plan,
        CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(reference, context, retry, cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        CloseProposal? proposal = null;
        var outcome = await deals.ChangeDealAsync(found.Deal.Id, state =>
        {
            proposal = null;
            if (!AccessPolicy.CanWorkOn(context.Person, state.Deal))
            {
                return DealChangePlan<string>.Nothing("That deal is not one you can work on.");
            }

            if (state.Deal.Status != DealStatus.Open)
            {
                return DealChangePlan<string>.Nothing($"{state.Deal.Name} is already {state.Deal.Status.ToString().ToLowerInvariant()}.");
            }

            var stageId = state.Deal.StageId;
            if (context.MapOf(state.View).FindStage(stageId) is null)
            {
                return DealChangePlan<string>.Nothing($"{state.Deal.Name} is in a stage the map no longer has; ask an admin.");
            }

            var change = plan(state, stageId);
            if (change.Transition is not { Status: DealStatus.Lost } lost || AccessPolicy.CanClose(context.Person, state.Deal))
            {
                return change;
            }

            // A teammate may not close it: the proposal is recorded on the deal, which stays open.
            proposal = new CloseProposal(state.View, context.Person, lost.Reason ?? "no reason given", retry(state.Deal.ExternalId));
            return new DealChangePlan<string>(string.Empty)
            {
                Note = $"{context.Person.Name} proposed closing it as lost: {proposal.What}",
                NoteBy = context.Person.Id,
            };
        }, cancellationToken);

        if (proposal is not null)
        {
            var asked = await proposals.SendAsync(proposal, context.Now, cancellationToken);
            outcome = Proposed(proposal, asked);
        }

        return await whatsNext.ShowCurrentAsync(found.Deal.Id, context, outcome, cancellationToken);
    }

    private static string Proposed(CloseProposal proposal, IReadOnlyList<string> asked)
    {
        var view = proposal.Deal;
        var who = $"Only {view.OwnerName} (the owner) or a manager of {view.TeamName} can close {view.Deal.Name} as lost; it stays open.";
        return asked.Count > 0
            ? $"{who} I asked {string.Join(" and ", asked)} to confirm your proposal."
            : $"{who} Ask them to say \"{proposal.Command}\".";
    }

    /// <summary>Maps free text onto one of the map's lost reasons when it clearly is one, so reports group well.</summary>
    internal static string NormaliseLostReason(string reason, ProcessMap map)
    {
        var text = reason.Trim().ToLowerInvariant();
        var known = map.Outcomes.LostReasons.FirstOrDefault(r =>
            text == r || text.Contains(r.Replace('-', ' '), StringComparison.Ordinal) || text.Contains(r, StringComparison.Ordinal));
        return known ?? reason.Trim();
    }
}
