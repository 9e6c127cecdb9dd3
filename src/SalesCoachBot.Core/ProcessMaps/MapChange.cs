using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>An old stage id taken over by a stage of the new map, and the checklist items that do not carry over.</summary>
public sealed record StageReplacement(StageId Old, Stage By, IReadOnlyList<ChecklistItemId> DroppedItems);

/// <summary>A stage kept by id whose checklist changed.</summary>
public sealed record ChecklistChange(Stage Stage, IReadOnlyList<ChecklistItemId> Added, IReadOnlyList<ChecklistItemId> Removed);

/// <summary>A lost reason kept by its key whose text in one language changed (<c>{ en: price, ar: السعر }</c>).</summary>
public sealed record LostReasonWording(string Reason, string Language, string Before, string After);

/// <summary>What putting <see cref="To"/> in force instead of <see cref="From"/> does to stages and lost reasons (deals aside).</summary>
public sealed record MapDiff(
    ProcessMap From,
    ProcessMap To,
    IReadOnlyList<Stage> Added,
    IReadOnlyList<Stage> Removed,
    IReadOnlyList<StageReplacement> Replaced,
    IReadOnlyList<ChecklistChange> Checklists)
{
    /// <summary>Lost reasons (their keys, in the map's language) NEW has and OLD had not.</summary>
    public IReadOnlyList<string> LostReasonsAdded { get; init; } = [];

    /// <summary>
    /// Lost reasons OLD had and NEW has not. A renamed reason is one of these and one added: deals already lost keep the
    /// reason as it was stored, which chat no longer offers and the pipeline no longer translates.
    /// </summary>
    public IReadOnlyList<string> LostReasonsRemoved { get; init; } = [];

    /// <summary>
    /// Ids OLD's stages replaced that NEW forgets: NEW's stage replaces an OLD stage (a second rename, A → B → C) but does
    /// not list the ids that stage itself replaced. The bot keeps no earlier maps, so history, confirmations and closed
    /// deals recorded under those ids would no longer read as any stage; keyed by NEW's stage.
    /// </summary>
    public IReadOnlyList<(Stage Stage, StageId Replaced, IReadOnlyList<StageId> Forgotten)> ForgottenReplacements { get; init; } = [];

    /// <summary>Lost reasons kept whose translation changed.</summary>
    public IReadOnlyList<LostReasonWording> LostReasonsReworded { get; init; } = [];

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Replaced.Count == 0 && Checklists.Count == 0
        && LostReasonsAdded.Count == 0 && LostReasonsRemoved.Count == 0 && LostReasonsReworded.Count == 0;
}

/// <summary>A deal a map change moves (or would move) from a replaced stage to the stage that took it over.</summary>
public sealed record MovedDeal(DealId Id, string ExternalId, string Name, StageId From, StageId To, int CarriedConfirmations)
{
    public override string ToString() => $"{ExternalId} \"{Name}\" {From} → {To}";
}

/// <summary>What a map change did to one deal: moved it, or nothing (<see cref="Moved"/> null).</summary>
public sealed record MapMoveOutcome(MovedDeal? Moved)
{
    public static readonly MapMoveOutcome Nothing = new((MovedDeal?)null);
}

/// <summary>
/// How a new map is put in force without stranding deals: deals in a stage the new map replaces move to the stage that
/// replaces it (<c>replaces:</c>, or the same id), as a "map change" in their history, keeping the confirmations of items
/// that still exist. Pure: the migrator and <c>map diff</c> share it.
/// </summary>
public static class MapChange
{
    public static MapDiff Diff(ProcessMap from, ProcessMap to)
    {
        var replaced = new List<StageReplacement>();
        var removed = new List<Stage>();
        var checklists = new List<ChecklistChange>();
        foreach (var old in from.Stages)
        {
            if (to.FindStage(old.Id) is { } kept)
            {
                var added = kept.Checklist.Where(i => old.FindItem(i.Id) is null).Select(i => i.Id).ToList();
                var gone = old.Checklist.Where(i => kept.FindItem(i.Id) is null).Select(i => i.Id).ToList();
                if (added.Count > 0 || gone.Count > 0)
                {
                    checklists.Add(new ChecklistChange(kept, added, gone));
                }
            }
            else if (to.ResolveStage(old.Id) is { } by)
            {
                replaced.Add(new StageReplacement(old.Id, by, [.. old.Checklist.Where(i => by.FindItem(i.Id) is null).Select(i => i.Id)]));
            }
            else
            {
                removed.Add(old);
            }
        }

        var addedStages = to.Stages.Where(s => from.FindStage(s.Id) is null && !replaced.Any(r => r.By.Id == s.Id)).ToList();
        var oldReasons = from.Outcomes.LostReasons;
        var newReasons = to.Outcomes.LostReasons;
        return new MapDiff(from, to, addedStages, removed, replaced, checklists)
        {
            LostReasonsAdded = [.. newReasons.Where(r => !oldReasons.Contains(r, StringComparer.OrdinalIgnoreCase))],
            LostReasonsRemoved = [.. oldReasons.Where(r => !newReasons.Contains(r, StringComparer.OrdinalIgnoreCase))],
            LostReasonsReworded = [.. Reworded(from.Outcomes, to.Outcomes)],
            ForgottenReplacements = [.. Forgotten(from, to)],
        };
    }

    // A stage of NEW that replaces a stage of OLD must also cover what that stage covered: replaces is one step only.
    private static IEnumerable<(Stage Stage, StageId Replaced, IReadOnlyList<StageId> Forgotten)> Forgotten(ProcessMap from, ProcessMap to)
    {
        foreach (var stage in to.Stages)
        {
            foreach (var replaced in stage.Replaces)
            {
                if (from.FindStage(replaced) is { } old)
                {
                    List<StageId> forgotten = [.. old.Replaces.Where(r => r != stage.Id && !stage.Replaces.Contains(r) && to.FindStage(r) is null)];
                    if (forgotten.Count > 0)
                    {
                        yield return (stage, replaced, forgotten);
                    }
                }
            }
        }
    }

    private static IEnumerable<LostReasonWording> Reworded(MapOutcomes from, MapOutcomes to)
    {
        foreach (var reason in from.LostReasons.Where(r => to.LostReasons.Contains(r, StringComparer.Ordinal)))
        {
            from.LostReasonTexts.TryGetValue(reason, out var before);
            to.LostReasonTexts.TryGetValue(reason, out var after);
            var languages = (before?.Languages ?? []).Union(after?.Languages ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var language in languages)
            {
                var was = before?.For(language) ?? reason;
                var now = after?.For(language) ?? reason;
                if (!string.Equals(was, now, StringComparison.Ordinal))
                {
                    yield return new LostReasonWording(reason, language, was, now);
                }
            }
        }
    }

    /// <summary>
    /// The change that moves one deal into <paramref name="to"/>: null result (and nothing written) when the deal is
    /// closed, already in a stage of the map, or in a stage the map neither has nor replaces (a stranded deal).
    /// </summary>
    public static DealChangePlan<MapMoveOutcome> Decide(DealState state, ProcessMap to, int? fromVersion, DateTimeOffset now)
    {
        var deal = state.Deal;
        if (deal.Status != DealStatus.Open || to.FindStage(deal.StageId) is not null || to.ResolveStage(deal.StageId) is not { } target)
        {
            return DealChangePlan<MapMoveOutcome>.Nothing(MapMoveOutcome.Nothing);
        }

        List<NewConfirmation> carry =
        [
            .. state.View.Confirmations
                .Where(c => target.FindItem(c.Item) is not null)
                .Select(c => new NewConfirmation(c.Item, c.PersonId, c.PersonName, c.ConfirmedAt, c.Channel)),
        ];
        var moved = new MovedDeal(deal.Id, deal.ExternalId, deal.Name, deal.StageId, target.Id, carry.Count);
        return new DealChangePlan<MapMoveOutcome>(new MapMoveOutcome(moved))
        {
            Transition = new StageTransition(target.Id, DealStatus.Open, StageChangeKind.MapChange, now, null, Reason(fromVersion, to.Version),
                LostReason: deal.LostReason, ReengageAt: deal.ReengageAt)
            {
                Carry = carry,
                MapVersion = to.Version,
            },
        };
    }

    /// <summary>
    /// The stage an open deal goes on to because a map edit completed its exit checklist: RevOps removed (or made
    /// optional) the last required item it had open, so every required item of its stage is now confirmed. Confirming is
    /// what advances a deal, and nothing is left to confirm, so without this the deal could never leave the stage. Null
    /// when the deal is closed, its stage is last or not in <paramref name="to"/>, an item is still open, or the checklist
    /// was already complete under <paramref name="from"/> (a stage that never required anything waits for a confirmation,
    /// as before). Null at start too, with no map known before: a complete checklist may then be on purpose (the CRM
    /// refused the advance and the deal stays until someone fixes it), and advancing it on every start would push it again.
    /// </summary>
    public static Stage? ReadyToAdvance(DealView view, ProcessMap? from, ProcessMap to)
    {
        var deal = view.Deal;
        if (deal.Status != DealStatus.Open || to.FindStage(deal.StageId) is not { } stage || to.NextOf(stage) is not { } next)
        {
            return null;
        }

        var confirmed = view.Confirmations.Select(c => c.Item).ToHashSet();
        if (!stage.RequiredItems.All(i => confirmed.Contains(i.Id)))
        {
            return null;
        }

        var wasWaiting = from?.FindStage(stage.Id) is { } before && before.RequiredItems.Any(i => !confirmed.Contains(i.Id));
        return wasWaiting ? next : null;
    }

    /// <summary>
    /// The change that advances one deal whose exit checklist a map edit completed (<see cref="ReadyToAdvance"/>), decided
    /// again under the deal's lock: an advance like the last confirmation's, by nobody, the reason naming the map change.
    /// </summary>
    public static DealChangePlan<MapMoveOutcome> DecideReady(DealState state, ProcessMap? from, ProcessMap to, DateTimeOffset now)
    {
        if (ReadyToAdvance(state.View, from, to) is not { } next)
        {
            return DealChangePlan<MapMoveOutcome>.Nothing(MapMoveOutcome.Nothing);
        }

        var deal = state.Deal;
        var moved = new MovedDeal(deal.Id, deal.ExternalId, deal.Name, deal.StageId, next.Id, 0);
        return new DealChangePlan<MapMoveOutcome>(new MapMoveOutcome(moved))
        {
            Transition = new StageTransition(next.Id, Coaching.UseCases.ConfirmItemsUseCase.StatusOnEntering(to, next), StageChangeKind.Advanced, now, null,
                $"{Reason(from?.Version, to.Version)}: every required item of {deal.StageId} is confirmed")
            {
                MapVersion = to.Version,
            },
        };
    }

    /// <summary>"map change v3→v4" (or "map change to v4" when the map in force before is not known, e.g. at start).</summary>
    public static string Reason(int? fromVersion, int toVersion) =>
        fromVersion is { } from ? $"map change v{from}→v{toVersion}" : $"map change to v{toVersion}";

    /// <summary>
    /// The lines <c>map diff</c> prints: one per stage added, removed, replaced or with a changed checklist, and one per
    /// lost reason added, removed (a rename is both) or translated differently.
    /// </summary>
    public static IReadOnlyList<string> Describe(MapDiff diff)
    {
        var lines = new List<string>
        {
            $"{diff.From.Name} v{diff.From.Version} → {diff.To.Name} v{diff.To.Version}",
        };
        lines.AddRange(diff.Added.Select(s => $"+ stage {s.Id} ({s.Name}) added"));
        lines.AddRange(diff.Removed.Select(s => $"- stage {s.Id} ({s.Name}) removed, nothing replaces it: deals in it would be stranded"));
        lines.AddRange(diff.Replaced.Select(r =>
            $"~ stage {r.Old} replaced by {r.By.Id} ({r.By.Name}): its deals move there" +
            (r.DroppedItems.Count > 0 ? $"; confirmations of {string.Join(", ", r.DroppedItems)} are not carried over" : string.Empty)));
        lines.AddRange(diff.Checklists.Select(c =>
            $"~ checklist of {c.Stage.Id}:" +
            (c.Added.Count > 0 ? $" + {string.Join(", ", c.Added)}" : string.Empty) +
            (c.Removed.Count > 0 ? $" - {string.Join(", ", c.Removed)}" : string.Empty)));
        lines.AddRange(diff.LostReasonsAdded.Select(r => $"+ lost reason {r} added"));
        lines.AddRange(diff.LostReasonsRemoved.Select(r =>
            $"- lost reason {r} removed: chat no longer offers it; deals already lost for {r} keep it as stored" +
            (diff.LostReasonsAdded.Count > 0 ? $" (if it was renamed to {string.Join(" or ", diff.LostReasonsAdded)}, their history still says {r})" : string.Empty)));
        lines.AddRange(diff.LostReasonsReworded.Select(w => $"~ lost reason {w.Reason} in {w.Language}: \"{w.Before}\" → \"{w.After}\""));
        lines.AddRange(diff.ForgottenReplacements.Select(f =>
            $"warning: stage {f.Stage.Id} replaces {f.Replaced}, which replaced {string.Join(", ", f.Forgotten)}: list {(f.Forgotten.Count == 1 ? "it" : "them")} too " +
            $"(replaces: [{string.Join(", ", f.Stage.Replaces.Concat(f.Forgotten))}]), or history and closed deals under {string.Join(", ", f.Forgotten)} no longer read as {f.Stage.Id}"));
        if (diff.IsEmpty)
        {
            lines.Add("no stage, checklist or lost-reason changes");
        }

        if (diff.To.Version <= diff.From.Version && !diff.IsEmpty)
        {
            lines.Add($"note: version {diff.To.Version} is not above {diff.From.Version}: bump it so history shows which map a deal moved under");
        }

        return lines;
    }
}
