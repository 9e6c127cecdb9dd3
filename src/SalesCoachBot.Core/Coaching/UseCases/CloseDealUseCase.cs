using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Cards;
using SalesCoachBot.Core.Coaching.Commands;
using SalesCoachBot.Core.Conversations;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching.UseCases;

/// <summary>
/// "mark DEAL lost because REASON", "DEAL said no" and every other branch of the map ("DEAL is not a fit"). A branch
/// leads to nurture with a re-engage date (most buyers say no several times before yes), to lost, or to another stage.
/// A no without a reason is answered with the map's lost reasons to pick from (or one to type) before anything closes.
/// Closing as lost is for the deal's owner, a manager of its team or an admin: a teammate's "mark lost" (or a branch that
/// the map turns into lost) is recorded as a proposal on the deal, the deal stays open, and the owner is asked to confirm
/// (<see cref="CloseProposals"/>); the same proposal again by the same person within <see cref="NewNote.RetryWindow"/>
/// ("Soylent said no because price", then "mark Soylent lost because price") is answered as already proposed, stored and
/// sent once. A close is answered with an Undo button (<see cref="ReopenDealUseCase"/>).
/// </summary>
internal sealed class CloseDealUseCase(
    DealLocator locator, IDealStore deals, IDealJournal journal, TeamRulesProvider teamRules, WhatsNextUseCase whatsNext, CloseProposals proposals)
    : ICommandHandler<MarkLostCommand>, ICommandHandler<SaidNoCommand>, ICommandHandler<FollowBranchCommand>, ICommandHandler<SaidNoPayload>, ICommandHandler<SaidNoFormPayload>
{
    /// <summary>Longest free-text reason kept; longer ones are refused with the limit.</summary>
    public const int MaxReasonLength = 500;

    public async Task<BotAnswer> HandleAsync(MarkLostCommand command, TurnContext context, CancellationToken cancellationToken)
    {
        var say = context.Say;
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            var reasons = string.Join(" / ", context.Map.Outcomes.LostReasons.Take(3).Select(r => MapWording.LostReason(r, say, context.Map)));
            // The example names the deal asked about ("mark Soylent lost because …"), not the help's Initech.
            var named = command.Deal switch
            {
                NameReference name => DealLocator.Quoted(name.Text),
                ExternalIdReference id => "#" + id.ExternalId,
                _ => null,
            };
            // The linked deal's example is the help's, whose Latin name an Arabic reply isolates as the help does.
            return Errors.Answer(say.Errors("ReasonNeeded.Title"), named is not null
                ? say.Coaching("Close.ReasonNeeded.Deal", reasons, named)
                : say.Language.IsRightToLeft ? Bidi.IsolateLatinRuns(say.Coaching("Close.ReasonNeeded", reasons))
                : say.Coaching("Close.ReasonNeeded", reasons));
        }

        if (command.Reason.Length > MaxReasonLength)
        {
            return TooLong(say);
        }

        return await ChangeAsync(command.Deal, context, id => Canonical.Command($"mark #{id} lost because {command.Reason}"), (state, stage) =>
        {
            // Lost reasons are the deal's team's map's.
            var reason = NormaliseLostReason(command.Reason, context.MapOf(state.View));
            return new DealChangePlan<string>(say.Coaching("Close.MarkedLost", state.Deal.Name, MapWording.LostReason(reason, say, context.MapOf(state.View))))
            {
                Transition = new StageTransition(stage, DealStatus.Lost, StageChangeKind.Closed, context.Now, context.Person.Id, command.Reason, LostReason: reason),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }, fromCard: false, cancellationToken, command.Reason, (id, reason) => new MarkLostCommand(new ExternalIdReference(id), reason));
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
                context.Say.Coaching("Close.CardOutOfDate", found.Deal.Deal.Name), cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(payload.Reason))
        {
            // An empty field sent: ask again, saying what is missing.
            return AskReason(found.Deal, context, note: payload.Reason is null ? null : context.Say.Coaching("Close.TypeReason"));
        }

        if (payload.Reason.Trim().Length > MaxReasonLength)
        {
            // The form's refusal: asked again with the limit, and the limit under the field (Slack keeps its modal open).
            var problem = context.Say.Coaching("Close.ReasonTooLong", MaxReasonLength);
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

        var form = CloseCards.AnotherReasonForm(found.Deal.Deal, payload.StageVersion, context.Say);
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
        if (match is BranchMatch.NotFound && command.Typed is { } typed && BranchMatcher.Match(stage.Branches, typed) is { } again and not BranchMatch.NotFound)
        {
            // «Initech غير مناسب» read as "not a fit" fits an English map; a map written in Arabic has the typed words.
            match = again;
        }

        switch (match)
        {
            case BranchMatch.NotFound notFound:
                // The reply quotes the person's own words («غير مناسبة»), not the language file's reading of them.
                return UnknownBranch(command.Typed ?? command.WhenText, deal, stage, notFound.Closest, context.MapOf(found.Deal), context.Say);
            case BranchMatch.Found { Branch.IsBuyerSaysNo: true }:
                return AskReason(found.Deal, context, note: null);
            case BranchMatch.Found when command.Reason?.Length > MaxReasonLength:
                return TooLong(context.Say);
            case BranchMatch.Found { Branch: var branch }:
                var words = BranchMatcher.Words(branch);
                var because = command.Reason is null ? string.Empty : " because " + command.Reason;
                var rules = await teamRules.GetAsync(cancellationToken);
                return await ChangeAsync(new ExternalIdReference(deal.ExternalId), context, id => $"#{id} is {words}{because}",
                    (state, stageId) => Follow(state, context.MapOf(state.View).GetStage(stageId), branch, Said(branch, context.Language), rules.Zone(state.Deal.TeamId), context, command.Reason),
                    fromCard: false, cancellationToken, command.Reason);
            default:
                var ambiguous = (BranchMatch.Ambiguous)match;
                var say = context.Say;
                return Errors.Answer(say.Coaching("Close.WhichBranch.Title"), say.Coaching("Close.WhichBranch",
                    command.Typed ?? command.WhenText, MapWording.Name(stage, say.Language),
                    CoachingWording.Or(ambiguous.Candidates.Select(b => say.Coaching("Word.Quoted", Said(b, say.Language))), say),
                    deal.Name, Said(ambiguous.Candidates[0], say.Language)));
        }
    }

    /// <summary>An unknown branch: nothing changes, and the answer names the branches the stage has.</summary>
    private static BotAnswer UnknownBranch(string whenText, Deal deal, Stage stage, Branch? closest, ProcessMap map, Phrases say)
    {
        var stageName = MapWording.Name(stage, say.Language);
        if (stage.Branches.Count == 0)
        {
            return Errors.Answer(say.Coaching("Close.NoBranch.Title"), say.Coaching("Close.NoBranch", stageName, whenText, deal.Name));
        }

        var listed = CoachingWording.List(stage.Branches.Select(b => say.Coaching("Close.BranchTo", Said(b, say.Language), TargetWords(b.To, map, say))), say, "; ");
        return Errors.Answer(say.Coaching("Close.UnknownBranch.Title"), closest is null
            ? say.Coaching("Close.UnknownBranch", stageName, whenText, deal.Name, listed)
            : say.Coaching("Close.UnknownBranch.Hint", stageName, whenText, deal.Name, listed, Said(closest, say.Language)));
    }

    private static string TargetWords(BranchTarget target, ProcessMap map, Phrases say) =>
        target.IsNurture ? CoachingWording.State(DealStatus.Nurture, say)
        : target.IsLost ? CoachingWording.State(DealStatus.Lost, say)
        : say.Coaching("Close.ToStage", map.FindStage(target.AsStage) is { } to ? MapWording.Name(to, say.Language) : target.Value);

    /// <summary>
    /// A branch's <c>when</c> as the reply says it: the map's own text in the reply's language where the map has one,
    /// else as words people would say ("not-a-fit" → "not a fit").
    /// </summary>
    private static string Said(Branch branch, ReplyLanguage language) =>
        MapWording.Branch(branch, language) is var text && text != branch.When ? text
        : branch.WhenText.DefaultLanguage == MapLanguages.Default ? BranchMatcher.Words(branch)
        // A key in another script keeps its letters («المتطلبات غير واضحة», not the folded «…واضحه» matching reads).
        : branch.When.Replace('-', ' ');

    /// <summary>The question before a no closes anything: the map's lost reasons as buttons, and a field for another.</summary>
    private static BotAnswer AskReason(DealView view, TurnContext context, string? note)
    {
        var deal = view.Deal;
        var say = context.Say;
        if (!AccessPolicy.CanWorkOn(context.Person, deal))
        {
            return Errors.Answer(say.Errors("NotYours.Title"), say.Errors("NotYours"));
        }

        if (deal.Status != DealStatus.Open)
        {
            return Errors.Answer(say.Coaching("Close.AlreadyClosed.Title"), say.Coaching("Close.AlreadyClosed", deal.Name, CoachingWording.State(deal.Status, say)));
        }

        var map = context.MapOf(view);
        if (map.FindStage(deal.StageId) is not { } stage)
        {
            return Errors.Answer(say.Coaching("Close.StageGone.Title"), say.Coaching("Close.StageGone", deal.Name));
        }

        return CloseCards.ReasonPicker(view, stage, map.SaidNoTarget(stage), map.Outcomes.LostReasons, note, say, map);
    }

    private async Task<BotAnswer> SaidNoAsync(DealReference reference, string reason, int? expectedVersion, TurnContext context, CancellationToken cancellationToken)
    {
        reason = reason.Trim();
        if (reason.Length > MaxReasonLength)
        {
            return TooLong(context.Say);
        }

        var rules = await teamRules.GetAsync(cancellationToken);
        return await ChangeAsync(reference, context, id => Canonical.Command($"#{id} said no because {reason}"), (state, stageId) =>
        {
            if (expectedVersion is { } version && state.Deal.StageVersion != version)
            {
                return DealChangePlan<string>.Nothing(context.Say.Coaching("Close.OutOfDate", state.Deal.Name));
            }

            var stage = context.MapOf(state.View).GetStage(stageId);
            var branch = stage.Branches.FirstOrDefault(b => b.IsBuyerSaysNo) ?? new Branch(Branch.BuyerSaysNo, BranchTarget.Nurture);
            return Follow(state, stage, branch, context.Say.Coaching("Close.BuyerSaidNo"), rules.Zone(state.Deal.TeamId), context, reason);
        }, fromCard: expectedVersion is not null, cancellationToken, reason, (id, why) => new SaidNoCommand(new ExternalIdReference(id), why));
    }

    /// <summary>
    /// What following <paramref name="branch"/> does: nurture (re-engage date from the map, said as its day in the team's
    /// <paramref name="zone"/>), lost (the reason, else the branch's words, as the lost reason) or another stage. History
    /// records the branch and the reason.
    /// </summary>
    private static DealChangePlan<string> Follow(DealState state, Stage stage, Branch branch, string words, TimeZoneInfo zone, TurnContext context, string? reason = null)
    {
        var deal = state.Deal;
        var map = context.MapOf(state.View);
        var say = context.Say;
        var stageName = MapWording.Name(stage, say.Language);
        var why = reason is null ? Capitalise(words) : say.Coaching("Close.Why", Capitalise(words), reason);
        // The typed reason echoed in the reply as other echoes are (each Latin run isolated in Arabic); history keeps it plain.
        var shownWhy = reason is null ? why : say.Coaching("Close.Why", Capitalise(words), say.Language.Echo(reason));
        if (branch.To.IsNurture)
        {
            var reengage = context.Now.AddDays(map.Outcomes.NurtureReengageAfterDays);
            return new DealChangePlan<string>(
                say.Coaching("Close.ToNurture", deal.Name, shownWhy, words, stageName, say.Language.DayInWords(reengage, zone)))
            {
                Transition = new StageTransition(stage.Id, DealStatus.Nurture, StageChangeKind.Closed, context.Now, context.Person.Id, why, ReengageAt: reengage),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }

        if (branch.To.IsLost)
        {
            var lost = NormaliseLostReason(reason ?? branch.When, map);
            return new DealChangePlan<string>(say.Coaching("Close.ToLost", deal.Name, MapWording.LostReason(lost, say, map), words, stageName))
            {
                Transition = new StageTransition(stage.Id, DealStatus.Lost, StageChangeKind.Closed, context.Now, context.Person.Id, why, LostReason: lost),
                ActivityAt = context.Now,
                Source = context.SourceFor(state.View),
            };
        }

        if (map.FindStage(branch.To.AsStage) is not { } to)
        {
            return DealChangePlan<string>.Nothing(say.Coaching("Close.NotAStage", words, stageName, branch.To.Value));
        }

        return new DealChangePlan<string>(say.Coaching("Close.ToStageMoved", deal.Name, MapWording.Name(to, say.Language), words, stageName))
        {
            // A branch into the won stage (or past it) wins the deal, as a move or an advance there does: else it sat open in
            // Contract signed, its days there counted to today and no cycle ended.
            Transition = new StageTransition(to.Id, ConfirmItemsUseCase.StatusOnEntering(map, to), StageChangeKind.Moved, context.Now, context.Person.Id, why),
            ActivityAt = context.Now,
            Source = context.SourceFor(state.View),
        };
    }

    private static string Capitalise(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    private static BotAnswer TooLong(Phrases say) =>
        Errors.Answer(say.Errors("ReasonTooLong.Title"), say.Coaching("Close.ReasonTooLong", MaxReasonLength));

    private async Task<BotAnswer> ChangeAsync(
        DealReference reference,
        TurnContext context,
        Func<string, string> retry,
        Func<DealState, StageId, DealChangePlan<string>> plan,
        bool fromCard,
        CancellationToken cancellationToken,
        string? proposedReason = null,
        Func<string, string, ChatCommand>? asCommand = null)
    {
        var lookup = await locator.LocateAsync(reference, context, retry, cancellationToken);
        if (lookup is not DealLookup.Found found)
        {
            return ((DealLookup.Answered)lookup).Answer;
        }

        var say = context.Say;
        // A teammate's proposal already noted a moment ago is not noted or sent again; the notes are read only for those
        // who may not close the deal (the owner's, a manager's or an admin's close needs none).
        var recent = AccessPolicy.CanClose(context.Person, found.Deal.Deal)
            ? []
            : await journal.RecentNotesAsync(found.Deal.Id, RecentNotesChecked, cancellationToken);
        CloseProposal? proposal = null;
        NoteView? proposedBefore = null;
        string? storedNote = null;
        int? closedVersion = null;
        var outcome = await deals.ChangeDealAsync(found.Deal.Id, state =>
        {
            proposal = null;
            proposedBefore = null;
            closedVersion = null;
            if (!AccessPolicy.CanWorkOn(context.Person, state.Deal))
            {
                return DealChangePlan<string>.Nothing(say.Errors("NotYours"));
            }

            if (state.Deal.Status != DealStatus.Open)
            {
                return DealChangePlan<string>.Nothing(say.Coaching("Close.AlreadyClosed", state.Deal.Name, CoachingWording.State(state.Deal.Status, say)));
            }

            var stageId = state.Deal.StageId;
            if (context.MapOf(state.View).FindStage(stageId) is null)
            {
                return DealChangePlan<string>.Nothing(say.Coaching("Close.StageGone", state.Deal.Name));
            }

            var change = plan(state, stageId);
            if (change.Transition is not { Status: DealStatus.Lost } lost || AccessPolicy.CanClose(context.Person, state.Deal))
            {
                closedVersion = change.Transition is { Status: DealStatus.Lost or DealStatus.Nurture } ? state.Deal.StageVersion + 1 : null;
                return change;
            }

            // A teammate may not close it: the proposal is recorded on the deal, which stays open. "said no because price"
            // and "mark lost because price" propose the same: the reason as typed, not "Buyer said no: price".
            var what = proposedReason is { Length: > 0 } typed ? typed.Trim() : lost.Reason ?? say.Coaching("Close.NoReasonGiven");
            // Stored language-neutral, worded where it is read: an Arabic reader of an English proposal reads Arabic.
            var note = ProposalNote(proposedReason is { Length: > 0 } ? proposedReason : lost.Reason, lost.LostReason, context.MapOf(state.View)).Stored;
            storedNote = note;
            proposedBefore = recent.FirstOrDefault(n => n.AuthorName == context.Person.Name && n.Text == note && n.At >= context.Now - NewNote.RetryWindow);
            if (proposedBefore is not null)
            {
                return DealChangePlan<string>.Nothing(string.Empty);
            }

            proposal = new CloseProposal(state.View, context.Person, what, retry(state.Deal.ExternalId))
            {
                InArabic = InArabic(asCommand, state.Deal.ExternalId, proposedReason, lost.LostReason, context, state.View),
            };
            return new DealChangePlan<string>(string.Empty)
            {
                // A retry of the same turn, or a twin racing this one (both read no note above, before the lock), finds the
                // note there: the store checks under the deal's lock, adds none and says so, and nothing is sent twice.
                AddNote = new NewNote(context.Person.Id, note, context.Now),
                IfNoteAlreadyStored = NoteAlreadyStored,
                Source = context.SourceFor(state.View),
            };
        }, cancellationToken);

        if (proposal is not null && string.Equals(outcome, NoteAlreadyStored, StringComparison.Ordinal))
        {
            // The twin that took the lock first proposed it and asked the owner; this one answers as a repeat does.
            var note = storedNote ?? string.Empty;
            proposedBefore = (await journal.RecentNotesAsync(found.Deal.Id, RecentNotesChecked, cancellationToken))
                .FirstOrDefault(n => n.AuthorName == context.Person.Name && n.Text == note) ?? new NoteView(context.Person.Name, context.Now, note);
            proposal = null;
        }

        if (proposal is not null)
        {
            var asked = await proposals.SendAsync(proposal, context.Now, cancellationToken);
            outcome = Proposed(proposal, asked, say);
        }
        else if (proposedBefore is { } before)
        {
            var view = found.Deal;
            var zone = (await teamRules.GetAsync(cancellationToken)).Zone(view.Deal.TeamId);
            outcome = say.Coaching("Close.Proposed.Already", view.Deal.Name, say.Language.Time(before.At, zone), view.OwnerName, view.TeamName);
        }

        var answer = await whatsNext.ShowCurrentAsync(found.Deal.Id, context, string.IsNullOrEmpty(outcome) ? null : outcome, cancellationToken) with { ReplacesCard = fromCard };
        return closedVersion is { } version ? CloseCards.WithUndo(answer, found.Deal.Deal, version, say) : answer;
    }

    /// <summary>The store's answer when the proposal's note was already there (never a text a person reads).</summary>
    private const string NoteAlreadyStored = "\u0000proposal-already-stored";

    /// <summary>How many of the deal's latest notes are looked through for the same proposal made a moment ago.</summary>
    private const int RecentNotesChecked = 20;

    private static string Proposed(CloseProposal proposal, IReadOnlyList<string> asked, Phrases say)
    {
        var view = proposal.Deal;
        return asked.Count > 0
            ? say.Coaching("Close.Proposed.Asked", view.OwnerName, view.TeamName, view.Deal.Name, CoachingWording.And(asked, say))
            : say.Coaching("Close.Proposed.AskThem", view.OwnerName, view.TeamName, view.Deal.Name, proposal.ShownIn(say.Language));
    }

    /// <summary>
    /// «خسرنا #1004 بسبب منافس»: the change as an Arabic reply or message asks to type it, with the map's own words for a
    /// reason it matched («المنافس» is the map's «منافس»), so Arabic quotes no English command. Made whatever the
    /// proposer's language: the owner asked may read Arabic. Null when there is no such wording.
    /// </summary>
    private static string? InArabic(
        Func<string, string, ChatCommand>? asCommand, string externalId, string? typedReason, string? lostReason, TurnContext context, DealView view)
    {
        if (asCommand is null || typedReason is not { Length: > 0 } typed)
        {
            return null;
        }

        var map = context.MapOf(view);
        var reason = lostReason is { } key && map.Outcomes.LostReasonTexts.ContainsKey(key)
            ? MapWording.LostReason(key, context.Say.In(ReplyLanguage.Arabic), map) : typed.Trim();
        return CommandParser.CanonicalText(asCommand(externalId, reason), ReplyLanguage.ArabicCode);
    }

    /// <summary>
    /// Maps free text onto the map's lost reason it names first, in any language the map words it in, so reports group
    /// well: "no budget this year but the price was fine" is no-budget, «بسبب السعر» is price. Else the text as typed.
    /// </summary>
    internal static string NormaliseLostReason(string reason, ProcessMap map)
    {
        var typed = Fold(reason);
        string? named = null;
        var at = int.MaxValue;
        foreach (var key in map.Outcomes.LostReasons)
        {
            var words = map.Outcomes.LostReasonTexts.TryGetValue(key, out var texts) ? texts.Languages.Select(texts.For).Append(key) : [key];
            foreach (var word in words.Select(Fold).Where(w => w.Length > 0))
            {
                var index = typed.IndexOf(word, StringComparison.Ordinal);
                if (index >= 0 && index < at)
                {
                    (named, at) = (key, index);
                }
            }
        }

        return named ?? reason.Trim();
    }

    /// <summary>
    /// «المنافس» is the map's «منافس»: the article is dropped from each word on both sides, by the one rule stage names
    /// use (ArabicText.WithoutArticle), so a reason and a stage read «ال» alike.
    /// </summary>
    private static string Fold(string text) => string.Join(' ', ArabicText.Normalize(text).ToLowerInvariant().Replace('-', ' ')
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ArabicText.WithoutArticle));

    /// <summary>
    /// A teammate's proposal as its note stores it: the map's lost reason id when the words typed were just that reason
    /// ("price", «السعر»), so each reader gets the map's words in their language; the words as typed when they said more
    /// ("no budget this year"), as nobody's own words are translated; no reason when none was given.
    /// </summary>
    internal static CloseProposalNote ProposalNote(string? typed, string? lostReason, ProcessMap map)
    {
        if (typed is not { } words || words.Trim().Length == 0)
        {
            return new CloseProposalNote(lostReason is { Length: > 0 } ? lostReason : null);
        }

        var folded = Fold(words);
        var key = lostReason ?? NormaliseLostReason(words, map);
        var said = map.Outcomes.LostReasonTexts.TryGetValue(key, out var texts) ? texts.Languages.Select(texts.For).Append(key) : [key];
        return map.Outcomes.LostReasons.Contains(key) && said.Any(w => string.Equals(Fold(w), folded, StringComparison.Ordinal))
            ? new CloseProposalNote(key)
            : new CloseProposalNote(words.Trim());
    }
}
