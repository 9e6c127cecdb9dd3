using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "mark DEAL lost because REASON", "DEAL said no" and every other branch of the map ("DEAL is not a fit"). A branch
/// leads to nurture with a re-engage date (most buyers say no several times before yes), to lost, or to another stage.
/// A no without a reason is answered with the map's lost reasons to pick from (or one to type) before anything closes.
/// Closing as lost is for the deal's owner, a manager of its team or an admin: a teammate's "mark lost" (or a branch that
/// the map turns into lost) is recorded as a proposal on the deal, the deal stays open, and the owner is asked to confirm
/// (<see cref="CloseProposals"/>). A close is answered with an Undo button (<see cref="ReopenDealUseCase"/>).
/// </summary>
internal sealed class CloseDealUseCase(DealLocator locator, IDealStore deals, WhatsNextUseCase whatsNext, CloseProposals proposals)
    : ICommandHandler<MarkLostCommand>, ICommandHandler<SaidNoCommand>, ICommandHandler<FollowBranchCommand>, ICommandHandler<SaidNoPayload>, ICommandHandler<SaidNoFormPayload>
{
    /// <summary>Longest free-text reason kept; longer ones are refused with the limit.</summary>
    public const int MaxReasonLength = 500;

    public async Task<BotAnswer> HandleAsync(MarkLostCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Errors.Answer("Reason needed",
                $"Say why it was lost, e.g. \"mark Initech lost because {string.Join(" / ", context.Map.Outcomes.LostReasons.Take(3))}\".");
        }

        if (command.Reason.Length > MaxReasonLength)
        {
            return TooLong();
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
        }, fromCard: false, cancellationToken);
    }

    /// <summary>"DEAL said no": asks why first, unless the reason was said too.</summary>
    public async Task<BotAnswer> HandleAsync(SaidNoCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        if (command.Reason is null)
        {
            var lookup = await locator.LocateAsync(command.Deal, context, id => $"#{id} said no", cancellationToken);
            return lookup is DealLookup.Found found ? AskReason(found.Deal, context, note: null) : ((DealLookup.Answered)lookup).Answer;
        }

        return await SaidNoAsync(command.Deal, command.Reason, expectedVersion: null, context, cancellationToken);
    }

    /// <summary>The card's "Buyer said no", a reason button, or the typed reason.</summary>
    public async Task<BotAnswer> HandleAsync(SaidNoPayload payload, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateByIdAsync(payload.Deal, context, cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        if (found.Deal.Deal.StageVersion != payload.StageVersion)
        {
            return await whatsNext.ShowCurrentAsync(payload.Deal, context,
                $"This card was out of date: {found.Deal.Deal.Name} has changed since. Nothing was closed; here is its current card.", cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(payload.Reason))
        {
            // An empty field sent: ask again, saying what is missing.
            return AskReason(found.Deal, context, note: payload.Reason is null ? null : "Type a reason, or pick one; nothing was closed.");
        }

        if (payload.Reason.Trim().Length > MaxReasonLength)
        {
            // The form's refusal: asked again with the limit, and the limit under the field (Slack keeps its modal open).
            var problem = $"A reason holds at most {MaxReasonLength} characters; nothing was closed. Say it in fewer words.";
            return AskReason(found.Deal, context, problem) with
            {
                ReplacesCard = true,
                InputErrors = new Dictionary<string, string>(StringComparer.Ordinal) { [SaidNoPayload.ReasonInput] = problem },
            };
        }

        var answer = await SaidNoAsync(new ExternalIdReference(found.Deal.Deal.ExternalId), payload.Reason, payload.StageVersion, context, cancellationToken);
        return answer with { ReplacesCard = true };
    }

    /// <summary>The "Another reason" form on its own (Slack opens it as a modal from the reason picker's button).</summary>
    public async Task<BotAnswer> HandleAsync(SaidNoFormPayload payload, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateByIdAsync(payload.Deal, context, cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var form = CloseCards.AnotherReasonForm(found.Deal.Deal, payload.StageVersion);
        return new BotAnswer(form.Title, new Card { Kind = CardKind.Form, Title = form.Title, Forms = [form] });
    }

    /// <summary>"Duff Brewery is not a fit": the stage's branch whose <c>when</c> the words name.</summary>
    public async Task<BotAnswer> HandleAsync(FollowBranchCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(command.Deal, context, id => $"#{id} is {command.WhenText}", cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var deal = found.Deal.Deal;
        if (deal.Status != DealStatus.Open || context.MapOf(found.Deal).FindStage(deal.StageId) is not { } stage)
        {
            // The change below answers these cases (already closed, stage gone) the same way for every branch.
            return await ChangeAsync(command.Deal, context, id => $"#{id} is {command.WhenText}", (_, _) => DealChangePlan<string>.Nothing(string.Empty), fromCard: false, cancellationToken);
        }

        var match = BranchMatcher.Match(stage.Branches, command.WhenText);
        switch (match)
        {
            case BranchMatch.NotFound notFound:
                return UnknownBranch(command.WhenText, deal, stage, notFound.Closest);
            case BranchMatch.Found { Branch.When: Branch.BuyerSaysNo }:
                return AskReason(found.Deal, context, note: null);
            case BranchMatch.Found { Branch: var branch }:
                var words = BranchMatcher.Words(branch);
                return await ChangeAsync(new ExternalIdReference(deal.ExternalId), context, id => $"#{id} is {words}",
                    (state, stageId) => Follow(state, context.MapOf(state.View).GetStage(stageId), branch, words, context), fromCard: false, cancellationToken);
            default:
                var ambiguous = (BranchMatch.Ambiguous)match;
                return Errors.Answer("Which branch?",
                    $"\"{command.WhenText}\" fits more than one branch of {stage.Name}: {string.Join(" or ", ambiguous.Candidates.Select(b => $"\"{BranchMatcher.Words(b)}\""))}. Say which, e.g. \"{deal.Name} is {BranchMatcher.Words(ambiguous.Candidates[0])}\".");
        }
    }

    /// <summary>An unknown branch: nothing changes, and the answer names the branches the stage has.</summary>
    private static BotAnswer UnknownBranch(string whenText, Deal deal, Stage stage, Branch? closest)
    {
        if (stage.Branches.Count == 0)
        {
            return Errors.Answer("No branch",
                $"{stage.Name} has no branches in the process map, so \"{whenText}\" changes nothing for {deal.Name}. Say \"{deal.Name} said no\" or \"mark {deal.Name} lost because …\".");
        }

        var listed = string.Join("; ", stage.Branches.Select(b => $"\"{BranchMatcher.Words(b)}\" → {TargetWords(b.To)}"));
        var hint = closest is null ? string.Empty : $" Did you mean \"{deal.Name} is {BranchMatcher.Words(closest)}\"?";
        return Errors.Answer("Unknown branch",
            $"{stage.Name} has no branch for \"{whenText}\"; nothing changed for {deal.Name}. Its branches: {listed}.{hint}");
    }

    private static string TargetWords(BranchTarget target) => target.IsReserved ? target.Value : $"stage {target.Value}";

    /// <summary>The question before a no closes anything: the map's lost reasons as buttons, and a field for another.</summary>
    private static BotAnswer AskReason(DealView view, TurnContext context, string? note)
    {
        var deal = view.Deal;
        if (!AccessPolicy.CanWorkOn(context.Person, deal))
        {
            return Errors.Answer("Not yours", "That deal is not one you can work on.");
        }

        if (deal.Status != DealStatus.Open)
        {
            return Errors.Answer("Closed already", $"{deal.Name} is already {deal.Status.ToString().ToLowerInvariant()}.");
        }

        var map = context.MapOf(view);
        if (map.FindStage(deal.StageId) is not { } stage)
        {
            return Errors.Answer("Stage not in the map", $"{deal.Name} is in a stage the map no longer has; ask an admin.");
        }

        return CloseCards.ReasonPicker(view, stage, map.SaidNoTarget(stage), map.Outcomes.LostReasons, note);
    }

    private async Task<BotAnswer> SaidNoAsync(DealReference reference, string reason, int? expectedVersion, TurnContext context, CancellationToken cancellationToken)
    {
        reason = reason.Trim();
        if (reason.Length > MaxReasonLength)
        {
            return TooLong();
        }

        return await ChangeAsync(reference, context, id => $"#{id} said no because {reason}", (state, stageId) =>
        {
            if (expectedVersion is { } version && state.Deal.StageVersion != version)
            {
                return DealChangePlan<string>.Nothing($"This card was out of date: {state.Deal.Name} has changed since. Nothing was closed.");
            }

            var stage = context.MapOf(state.View).GetStage(stageId);
            var branch = stage.Branches.FirstOrDefault(b => b.When == Branch.BuyerSaysNo) ?? new Branch(Branch.BuyerSaysNo, BranchTarget.Nurture);
            return Follow(state, stage, branch, "buyer said no", context, reason);
        }, fromCard: expectedVersion is not null, cancellationToken);
    }

    /// <summary>
    /// What following <paramref name="branch"/> does: nurture (re-engage date from the map), lost (the reason, else the
    /// branch's words, as the lost reason) or another stage. History records the branch and the reason.
    /// </summary>
    private static DealChangePlan<string> Follow(DealState state, Stage stage, Branch branch, string words, TurnContext context, string? reason = null)
    {
        var deal = state.Deal;
        var map = context.MapOf(state.View);
        var why = reason is null ? Capitalise(words) : $"{Capitalise(words)}: {reason}";
        if (branch.To.IsNurture)
        {
            var reengage = context.Now.AddDays(map.Outcomes.NurtureReengageAfterDays);
            return new DealChangePlan<string>(
                $"{deal.Name} goes to nurture ({why}), as the map says for \"{words}\" in {stage.Name}. Re-engage on {DealCards.Date(reengage)}.")
            {
                Transition = new StageTransition(stage.Id, DealStatus.Nurture, StageChangeKind.Closed, context.Now, context.Person.Id, why, ReengageAt: reengage),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }

        if (branch.To.IsLost)
        {
            var lost = NormaliseLostReason(reason ?? branch.When, map);
            return new DealChangePlan<string>($"{deal.Name} is marked lost ({lost}), as the map says for \"{words}\" in {stage.Name}.")
            {
                Transition = new StageTransition(stage.Id, DealStatus.Lost, StageChangeKind.Closed, context.Now, context.Person.Id, why, LostReason: lost),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }

        if (map.FindStage(branch.To.AsStage) is not { } to)
        {
            return DealChangePlan<string>.Nothing($"The map sends \"{words}\" in {stage.Name} to '{branch.To}', which is not a stage; ask an admin.");
        }

        return new DealChangePlan<string>($"{deal.Name} goes to {to.Name}, as the map says for \"{words}\" in {stage.Name}.")
        {
            Transition = new StageTransition(to.Id, DealStatus.Open, StageChangeKind.Moved, context.Now, context.Person.Id, why),
            ActivityAt = context.Now,
            Source = context.SourceFor(state.View),
        };
    }

    private static string Capitalise(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    private static BotAnswer TooLong() =>
        Errors.Answer("Reason too long", $"A reason holds at most {MaxReasonLength} characters; nothing was closed. Say it in fewer words.");

    private async Task<BotAnswer> ChangeAsync(
        DealReference reference,
        TurnContext context,
        Func<string, string> retry,
        Func<DealState, StageId, DealChangePlan<string>> plan,
        bool fromCard,
        CancellationToken cancellationToken)
    {
        var lookup = await locator.LocateAsync(reference, context, retry, cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        CloseProposal? proposal = null;
        int? closedVersion = null;
        var outcome = await deals.ChangeDealAsync(found.Deal.Id, state =>
        {
            proposal = null;
            closedVersion = null;
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
                closedVersion = change.Transition is { Status: DealStatus.Lost or DealStatus.Nurture } ? state.Deal.StageVersion + 1 : null;
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

        var answer = await whatsNext.ShowCurrentAsync(found.Deal.Id, context, string.IsNullOrEmpty(outcome) ? null : outcome, cancellationToken) with { ReplacesCard = fromCard };
        return closedVersion is { } version ? CloseCards.WithUndo(answer, found.Deal.Deal, version) : answer;
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
        var spaced = text.Replace('-', ' ');
        var known = map.Outcomes.LostReasons.FirstOrDefault(r =>
            text == r || spaced == r.Replace('-', ' ') || text.Contains(r.Replace('-', ' '), StringComparison.Ordinal) || text.Contains(r, StringComparison.Ordinal));
        return known ?? reason.Trim();
    }
}
