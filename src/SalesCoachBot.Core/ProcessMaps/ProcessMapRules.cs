using System.Text.RegularExpressions;
using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>
/// What makes a map usable (errors) and what makes it good advice (warnings). Warnings encode the
/// known ways maps go wrong: vague or uncheckable steps, too many steps, stages with no entry rule.
/// </summary>
internal static partial class ProcessMapRules
{
    /// <summary>More items than this and the goal of the stage gets lost; keep the 1-2 typical outcomes.</summary>
    public const int MaxChecklistItems = 7;

    /// <summary>More stages than this and nobody keeps the map in their head; the article's "maps too long".</summary>
    public const int MaxStages = 12;

    private static readonly string[] Reserved = [BranchTarget.Nurture.Value, BranchTarget.Lost.Value];

    // Phrases that name an intention rather than a result anyone could check afterwards.
    private static readonly string[] VaguePhrases =
    [
        "follow up", "follow-up", "followup", "be proactive", "touch base", "check in", "check-in", "circle back",
        "keep in touch", "stay in touch", "build rapport", "build a relationship", "build relationships",
        "nurture the relationship", "as needed", "if possible", "when possible", "as appropriate", "try to",
        "do your best", "be responsive", "keep the momentum", "stay engaged", "engage with", "think about",
        "consider ", "make sure", "ensure ", "tbd", "etc", "and so on", "various", "ongoing", "be aware",
    ];

    // Words that show a checkable result, which rescue an item that also uses a vague phrase.
    private static readonly string[] EvidenceWords =
    [
        " booked", " sent", " signed", " held", " recorded", " scheduled", " agreed", " stored", " received",
        " confirmed", " logged", " named", " shared", " written", " approved", " on the calendar", " dated",
    ];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    /// <summary>
    /// Kebab-case in any script, for keys written in the map's language (a branch's <c>when</c>, a lost reason): letters
    /// lowercase where the script has case (Arabic has none), with their combining marks, digits, words joined by '-'.
    /// </summary>
    [GeneratedRegex(@"^[\p{Ll}\p{Lo}\p{Lm}\p{Nd}][\p{Ll}\p{Lo}\p{Lm}\p{Nd}\p{Mn}\p{Mc}]*(-[\p{Ll}\p{Lo}\p{Lm}\p{Nd}][\p{Ll}\p{Lo}\p{Lm}\p{Nd}\p{Mn}\p{Mc}]*)*$")]
    private static partial Regex LanguageKebabCase();

    private static readonly MapPhrase LanguageKebabCaseRule = new("Rule.LanguageKebabCase");

    public static ProcessMap? Check(MapDraft draft, List<MapDiagnostic> diagnostics, IReadOnlyCollection<string>? teamLanguages = null)
    {
        var sink = new Sink(diagnostics);
        CheckTop(draft, sink);
        CheckTranslations(draft, teamLanguages, sink);
        var stagesById = new Dictionary<string, StageDraft>(StringComparer.Ordinal);
        foreach (var stage in draft.Stages)
        {
            CheckStage(stage, stagesById, English(draft), sink);
        }

        CheckCrm(draft, sink);
        var errorsBeforeReferences = sink.ErrorCount;
        CheckReferences(draft, stagesById, sink);
        var brokenReferences = sink.ErrorCount > errorsBeforeReferences;
        var startId = draft.Start?.Value ?? draft.Stages.FirstOrDefault()?.Id?.Value;
        var wonId = draft.Won?.Value ?? draft.Stages.LastOrDefault()?.Id?.Value;
        // A broken reference already explains why stages look unreachable; repeating it as graph errors is noise.
        if (!brokenReferences && startId is not null && wonId is not null && stagesById.ContainsKey(startId) && stagesById.ContainsKey(wonId))
        {
            CheckGraph(draft, stagesById, startId, wonId, sink);
        }

        diagnostics.Sort((a, b) => (a.Line, a.Column).CompareTo((b.Line, b.Column)));
        return sink.HasErrors || startId is null || wonId is null ? null : Build(draft, startId, wonId);
    }

    private static void CheckTop(MapDraft draft, Sink sink)
    {
        if (draft.Id is { } mapId && !KebabCase().IsMatch(mapId.Value))
        {
            sink.Error(mapId.Pos, "Map.IdNotKebab", mapId.Value);
        }

        // A key the reader already reported (blank, wrong type) is not also missing: each problem is told once.
        if (draft.Name is null)
        {
            sink.WarnUnless(draft.Reported.Contains("name"), Pos.Top, "Map.NoName");
        }

        if (draft.Version is null)
        {
            sink.WarnUnless(draft.Reported.Contains("version"), Pos.Top, "Map.NoVersion");
        }
        else if (draft.Version.Value.Value < 1)
        {
            sink.Error(draft.Version.Value.Pos, "Map.VersionBelowOne");
        }

        if (draft.Stages.Count == 0)
        {
            sink.Error(draft.StagesPos, "Map.NoStages");
        }
        else if (draft.Stages.Count > MaxStages)
        {
            sink.Warn(draft.StagesPos, "Map.TooManyStages", draft.Stages.Count, MaxStages);
        }

        var reasons = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reason in draft.LostReasons)
        {
            if (!LanguageKebabCase().IsMatch(reason.Value))
            {
                sink.Error(reason.Pos, "LostReason.NotKebab", reason.Value, LanguageKebabCaseRule);
            }
            else if (!reasons.Add(reason.Value))
            {
                sink.Error(reason.Pos, "LostReason.Duplicate", reason.Value);
            }
        }

        if (draft.ReengageAfterDays is { } days && days.Value < 1)
        {
            sink.Error(days.Pos, "Map.ReengageBelowOne");
        }
    }

    /// <summary>
    /// True when the map's own texts are English: the word lists behind the vague-wording and outcome warnings are English
    /// (the repo has no Arabic list of vague verbs and results), so they would flag every sentence of another language.
    /// Those texts get the language-neutral checks only (blank, one word, under three words, repeating the next entry).
    /// </summary>
    private static bool English(MapDraft draft) => draft.LanguageCode == "en";

    private static void CheckStage(StageDraft stage, Dictionary<string, StageDraft> stagesById, bool english, Sink sink)
    {
        if (stage.Id is not { } id)
        {
            sink.Error(stage.Pos, "Stage.NoId");
        }
        else if (!KebabCase().IsMatch(id.Value))
        {
            sink.Error(id.Pos, "Stage.IdNotKebab", id.Value);
        }
        else if (Reserved.Contains(id.Value))
        {
            sink.Error(id.Pos, "Stage.IdReserved", id.Value);
        }
        else if (stagesById.TryGetValue(id.Value, out var first))
        {
            sink.Error(id.Pos, "Stage.IdDuplicate", id.Value, first.IdPos.Line);
        }
        else
        {
            stagesById[id.Value] = stage;
        }

        var label = stage.Label;
        if (stage.Name is null)
        {
            sink.WarnUnless(stage.Reported.Contains("name"), stage.IdPos, "Stage.NoName", label);
        }

        if (stage.Owner is null)
        {
            sink.WarnUnless(stage.Reported.Contains("owner"), stage.IdPos, "Stage.NoOwner", label);
        }
        else if (!KebabCase().IsMatch(stage.Owner.Value.Value))
        {
            sink.Error(stage.Owner.Value.Pos, "Stage.OwnerNotKebab", stage.Owner.Value.Value);
        }

        if (stage.Entry is not { } entry)
        {
            sink.WarnUnless(stage.Reported.Contains("entry"), stage.IdPos, "Stage.NoEntry", label);
        }
        else if (((english ? VaguePhrase(entry.Value) : null) ?? VagueProse(entry.Value)) is { } vague)
        {
            sink.Warn(entry.Pos, "Stage.VagueEntry", label, vague.Trim());
        }

        if (stage.Activities is not { } activities)
        {
            sink.WarnUnless(stage.Reported.Contains("activities"), stage.IdPos, "Stage.NoActivities", label);
        }
        else if (((english ? VaguePhrase(activities.Value) : null) ?? VagueProse(activities.Value)) is { } vague)
        {
            sink.Warn(activities.Pos, "Stage.VagueActivities", label, vague.Trim());
        }

        if (stage.StallAfterDays is null)
        {
            sink.WarnUnless(stage.Reported.Contains("stallAfterDays"), stage.IdPos, "Stage.NoStallAfterDays", label);
        }
        else if (stage.StallAfterDays.Value.Value < 0)
        {
            sink.Error(stage.StallAfterDays.Value.Pos, "Stage.StallBelowZero");
        }
        else if (stage.StallAfterDays.Value.Value > 3650)
        {
            sink.Error(stage.StallAfterDays.Value.Pos, "Stage.StallOverTenYears");
        }

        CheckChecklist(stage, label, english, sink);
        CheckIds(stage.Substages.Select(s => (s.Id, s.Pos)), new("Part.SubStage"), label, sink);
        // A branch's when is a key in the map's language (docs/process-map.md): an Arabic map writes it in Arabic.
        CheckIds(stage.Branches.Select(b => (b.When, b.Pos)), new("Part.BranchCondition"), label, sink, anyScript: true);
    }

    private static void CheckChecklist(StageDraft stage, object label, bool english, Sink sink)
    {
        if (stage.Checklist.Count == 0)
        {
            sink.Error(stage.ChecklistPos ?? stage.IdPos, "Stage.NoChecklist", label);
            return;
        }

        CheckIds(stage.Checklist.Select(i => (i.Id, i.Pos)), new("Part.ChecklistItem"), label, sink);
        if (stage.Checklist.Count > MaxChecklistItems)
        {
            sink.Warn(stage.ChecklistPos ?? stage.IdPos, "Stage.TooManyItems", label, stage.Checklist.Count, MaxChecklistItems);
        }

        if (!stage.Checklist.Any(i => i.Required))
        {
            sink.Warn(stage.ChecklistPos ?? stage.IdPos, "Stage.NoRequiredItem", label);
        }

        foreach (var item in stage.Checklist)
        {
            if (item.Text is not { } text)
            {
                continue;
            }

            if (english && VaguePhrase(text.Value) is { } vague)
            {
                sink.Warn(text.Pos, "Item.Vague", item.Id?.Value, vague.Trim());
            }
            else if (!text.Value.Contains(' ', StringComparison.Ordinal))
            {
                sink.Warn(text.Pos, "Item.OneWord", item.Id?.Value);
            }
            else if (english && !HasEvidence(text.Value) && ItemOutcome.Check(text.Value) is { } problem)
            {
                sink.Warn(text.Pos, "Item.NoOutcome", item.Id?.Value, text.Value, problem);
            }
        }
    }

    private static void CheckIds(IEnumerable<(Located<string>? Id, Pos Pos)> ids, MapPhrase what, object stage, Sink sink, bool anyScript = false)
    {
        var seen = new Dictionary<string, Pos>(StringComparer.Ordinal);
        foreach (var (id, _) in ids)
        {
            if (id is not { } value)
            {
                continue;
            }

            if (anyScript ? !LanguageKebabCase().IsMatch(value.Value) : !KebabCase().IsMatch(value.Value))
            {
                if (anyScript)
                {
                    sink.Error(value.Pos, "Id.NotKebabInMapLanguage", what, value.Value, stage, LanguageKebabCaseRule);
                }
                else
                {
                    sink.Error(value.Pos, "Id.NotKebab", what, value.Value, stage);
                }
            }
            else if (seen.TryGetValue(value.Value, out var first))
            {
                sink.Error(value.Pos, "Id.Duplicate", what, value.Value, stage, first.Line);
            }
            else
            {
                seen[value.Value] = value.Pos;
            }
        }
    }

    private static void CheckReferences(MapDraft draft, Dictionary<string, StageDraft> stagesById, Sink sink)
    {
        if (draft.Start is { } start && !stagesById.ContainsKey(start.Value))
        {
            sink.Error(start.Pos, "Start.NotAStage", start.Value, Hint(start.Value, stagesById));
        }

        if (draft.Won is { } won && !stagesById.ContainsKey(won.Value))
        {
            sink.Error(won.Pos, "Won.NotAStage", won.Value, Hint(won.Value, stagesById));
        }

        var replacedBy = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var stage in draft.Stages)
        {
            if (stage.Next is { } next)
            {
                if (Reserved.Contains(next.Value))
                {
                    sink.Error(next.Pos, "Next.IsAnOutcome", stage.Label, next.Value);
                }
                else if (!stagesById.ContainsKey(next.Value))
                {
                    sink.Error(next.Pos, "Next.Unknown", stage.Label, next.Value, Hint(next.Value, stagesById));
                }
            }

            foreach (var branch in stage.Branches)
            {
                if (branch.To is { } to && !Reserved.Contains(to.Value) && !stagesById.ContainsKey(to.Value))
                {
                    sink.Error(to.Pos, "Branch.UnknownTarget", branch.When?.Value, stage.Label, to.Value, Hint(to.Value, stagesById));
                }
            }

            foreach (var old in stage.Replaces)
            {
                if (stagesById.ContainsKey(old.Value))
                {
                    sink.Error(old.Pos, "Replaces.StillAStage", stage.Label, old.Value);
                }
                else if (replacedBy.TryGetValue(old.Value, out var other))
                {
                    sink.Error(old.Pos, "Replaces.Twice", old.Value, other, stage.Label);
                }
                else
                {
                    replacedBy[old.Value] = stage.Label;
                }
            }
        }
    }

    private static void CheckGraph(MapDraft draft, Dictionary<string, StageDraft> stagesById, string startId, string wonId, Sink sink)
    {
        IEnumerable<string> Successors(string id) =>
            stagesById[id] is var s
                ? new[] { s.Next?.Value }.Concat(s.Branches.Select(b => b.To?.Value))
                    .OfType<string>().Where(stagesById.ContainsKey)
                : [];

        HashSet<string> Reach(string from)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(Successors(from));
            while (queue.TryDequeue(out var id))
            {
                if (seen.Add(id))
                {
                    foreach (var next in Successors(id))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            return seen;
        }

        var reach = stagesById.Keys.ToDictionary(id => id, Reach, StringComparer.Ordinal);
        var fromStart = new HashSet<string>(reach[startId], StringComparer.Ordinal) { startId };
        // Stages without an id or with a duplicate id were reported already; the graph uses the first of each id.
        var stages = draft.Stages.Where(s => s.Id is { } id && ReferenceEquals(stagesById.GetValueOrDefault(id.Value), s)).ToList();
        foreach (var stage in stages.Where(s => !fromStart.Contains(s.Id!.Value.Value)))
        {
            sink.Error(stage.IdPos, "Graph.Unreachable", stage.Label, startId);
        }

        var afterWon = new HashSet<string>(reach[wonId], StringComparer.Ordinal) { wonId };
        var reportedLoops = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var id = stage.Id!.Value.Value;
            var component = reach[id].Where(other => reach[other].Contains(id)).ToHashSet(StringComparer.Ordinal);
            var inLoop = component.Contains(id);
            var hasExit = component.Any(c => stagesById[c].Branches.Any(b => b.To is { } to && Reserved.Contains(to.Value)))
                || component.Contains(wonId)
                || reach[id].Any(r => !component.Contains(r));
            if (inLoop && !hasExit && reportedLoops.Add(string.Join(',', component.Order(StringComparer.Ordinal))))
            {
                var cycle = string.Join(" -> ", stages.Select(s => s.Id!.Value.Value).Where(component.Contains));
                sink.Error(stage.IdPos, "Graph.LoopWithoutExit", cycle);
            }

            var deadEnd = stage.Next is null && stage.Branches.Count == 0;
            if (deadEnd && !afterWon.Contains(id))
            {
                sink.Warn(stage.IdPos, "Graph.DeadEnd", stage.Label, wonId);
            }
            else if (!afterWon.Contains(id) && !HasNoPath(stage, draft.LanguageCode))
            {
                // Most buyers say no several times before yes; a stage that cannot record it hides those deals.
                sink.Warn(stage.IdPos, "Graph.NoNoPath", stage.Label);
            }

            CheckExitRepeatsNextEntry(stage, stagesById, sink);
        }
    }

    /// <summary>A "no" path: a buyer-says-no branch, or any branch to nurture or lost.</summary>
    private static bool HasNoPath(StageDraft stage, string language) =>
        stage.Branches.Any(b =>
            (b.When is { } when && (when.Value == Branch.BuyerSaysNo || Branch.IsBuyerSaysNoKey(when.Value, language)))
            || (b.To is { } to && Reserved.Contains(to.Value)));

    /// <summary>
    /// An exit item that says the same as the next stage's entry adds nothing: the item should be the work done here
    /// ("Agenda sent"), the entry the state that qualifies a deal there. Same words = at least 80 % of the item's words.
    /// </summary>
    private static void CheckExitRepeatsNextEntry(StageDraft stage, Dictionary<string, StageDraft> stagesById, Sink sink)
    {
        if (stage.Next is not { } next || !stagesById.TryGetValue(next.Value, out var nextStage) || nextStage.Entry is not { } entry)
        {
            return;
        }

        var entryWords = ContentWords(entry.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var item in stage.Checklist)
        {
            if (item.Text is not { } text)
            {
                continue;
            }

            var words = ContentWords(text.Value).Distinct(StringComparer.Ordinal).ToList();
            if (words.Count >= 3 && words.Count(entryWords.Contains) * 5 >= words.Count * 4)
            {
                sink.Warn(text.Pos, "Item.RepeatsNextEntry", item.Id?.Value, stage.Label, next.Value);
            }
        }
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "is", "are", "was", "were", "be",
        "been", "has", "have", "had", "it", "its", "their", "every", "each", "all", "any", "that", "this", "from", "as",
    };

    internal static IEnumerable<string> ContentWords(string text) =>
        Words(text).Where(w => !StopWords.Contains(w));

    internal static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value.EndsWith("'s", StringComparison.Ordinal) ? m.Value[..^2] : m.Value);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'-]*")]
    private static partial Regex WordPattern();

    /// <summary>Entry or activities prose that says nothing checkable: a filler word, or a vague verb with next to no object.</summary>
    private static string? VagueProse(string text)
    {
        var words = Words(text).ToList();
        if (words.FirstOrDefault(ItemOutcome.VagueWords.Contains) is { } filler)
        {
            return filler;
        }

        return words.Count < 3 ? text : null;
    }

    /// <summary>
    /// Warns where a language the teams use lacks a translation of an item (ADR 0021). The languages are the teams'
    /// when known; else, once the map translates anything, the map's language, en, ar and every language it uses.
    /// A map with no translation at all is not checked: it is a one-language map and says so.
    /// </summary>
    private static void CheckTranslations(MapDraft draft, IReadOnlyCollection<string>? teamLanguages, Sink sink)
    {
        var used = draft.Texts.Values.SelectMany(t => t.ByLanguage.Keys).ToHashSet(StringComparer.Ordinal);
        var languages = teamLanguages is { Count: > 0 }
            ? teamLanguages.Select(MapLanguages.Primary).Where(MapLanguages.IsKnown).Distinct().ToList()
            : used.Count > 1
                ? [.. new[] { draft.LanguageCode }.Concat(MapLanguages.LintFallback).Concat(used.Order(StringComparer.Ordinal)).Distinct()]
                : [];
        foreach (var text in draft.Texts.Values)
        {
            var main = text.ByLanguage.GetValueOrDefault(draft.LanguageCode);
            foreach (var language in languages.Where(l => !text.ByLanguage.ContainsKey(l)))
            {
                var shown = main is { } m ? new MapPhrase("Text.Quoted", Short(m.Value)) : null;
                sink.Warn(text.Pos, "Text.NoTranslation", text.What, shown, language, draft.LanguageCode);
            }
        }
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static ProcessMap Build(MapDraft draft, string startId, string wonId)
    {
        var stages = draft.Stages.Select(s => new Stage(
            new StageId(s.Id!.Value.Value),
            s.Name?.Value ?? s.Id!.Value.Value,
            s.Owner?.Value ?? "unassigned",
            s.Entry?.Value,
            s.Activities?.Value,
            s.StallAfterDays?.Value ?? 0,
            [.. s.Checklist.Select(i => new ChecklistItem(new ChecklistItemId(i.Id!.Value.Value), i.Text!.Value.Value, i.Required)
            {
                Texts = draft.TextAt(i.Text!.Value),
            })],
            s.Next is { } next ? new StageId(next.Value) : null,
            [.. s.Branches.Select(b => new Branch(b.When!.Value.Value, new BranchTarget(b.To!.Value.Value)) { WhenText = draft.TextAt(b.When!.Value) })],
            [.. s.Substages.Select(x => new SubStage(x.Id!.Value.Value, x.Name?.Value ?? x.Id!.Value.Value)
            {
                NameText = x.Name is { } subName ? draft.TextAt(subName) : LocalizedText.Plain(x.Id!.Value.Value, draft.LanguageCode),
            })],
            [.. s.Replaces.Select(r => new StageId(r.Value))])
        {
            Crm = CrmMapping(s.Crm),
            NameText = s.Name is { } name ? draft.TextAt(name) : LocalizedText.Plain(s.Id!.Value.Value, draft.LanguageCode),
            EntryText = s.Entry is { } entry ? draft.TextAt(entry) : null,
            ActivitiesText = s.Activities is { } activities ? draft.TextAt(activities) : null,
        }).ToList();

        var outcomes = new MapOutcomes(
            draft.HasLostReasons ? [.. draft.LostReasons.Select(r => r.Value)] : MapOutcomes.Default.LostReasons,
            draft.ReengageAfterDays?.Value ?? MapOutcomes.Default.NurtureReengageAfterDays)
        {
            LostCrm = CrmMapping(draft.LostCrm),
            LostReasonTexts = draft.LostReasons
                .Select(r => (r.Value, Text: draft.TextAt(r)))
                .Where(r => r.Text.IsTranslated)
                .DistinctBy(r => r.Value)
                .ToDictionary(r => r.Value, r => r.Text),
        };

        return new ProcessMap(
            draft.Name?.Value ?? new MapPhrase("Map.Unnamed").English,
            draft.Version?.Value ?? 1,
            new StageId(startId),
            new StageId(wonId),
            stages,
            outcomes)
        {
            Kpis = [.. draft.Kpis.Select(draft.TextAt)],
            Id = draft.Id?.Value ?? string.Empty,
            Language = draft.LanguageCode,
            IsNamed = draft.Name is not null,
        };
    }

    private static bool HasEvidence(string text) =>
        EvidenceWords.Any(w => Padded(text).Contains(w, StringComparison.Ordinal));

    private static string Padded(string text) => " " + text.ToLowerInvariant().Replace('.', ' ').Replace(',', ' ') + " ";
    /// <summary>
    /// The CRM mapping as far as it can be checked without the CRM: a pipeline and at least one stage, and no CRM stage
    /// claimed twice (a deal there could not be placed). Whether the ids exist is <c>crm check</c>'s job.
    /// </summary>
    private static void CheckCrm(MapDraft draft, Sink sink)
    {
        var claimed = new Dictionary<(string Pipeline, string Stage), (MapPhrase Owner, Pos Pos)>();
        var mappings = draft.Stages.Where(s => s.Crm is not null).Select(s => (Owner: MapPhrase.OfStage(s.Label), Crm: s.Crm!));
        if (draft.LostCrm is { } lost)
        {
            mappings = mappings.Append((MapPhrase.LostOutcome, lost));
        }

        foreach (var (owner, crm) in mappings)
        {
            if (crm.Pipeline is not { } pipeline)
            {
                sink.Error(crm.Pos, "Crm.NoPipeline", owner);
                continue;
            }

            if (crm.Stages.Count == 0)
            {
                sink.Error(crm.Pos, "Crm.NoStages", owner);
            }

            foreach (var stage in crm.Stages)
            {
                if (claimed.TryGetValue((pipeline.Value, stage.Value), out var first))
                {
                    sink.Error(stage.Pos, "Crm.StageMappedTwice", stage.Value, pipeline.Value, first.Owner, first.Pos.Line, owner);
                }
                else
                {
                    claimed[(pipeline.Value, stage.Value)] = (owner, stage.Pos);
                }
            }
        }
    }

    private static CrmStageMapping? CrmMapping(CrmDraft? draft) =>
        draft is { Pipeline: { } pipeline }
            ? new CrmStageMapping(Ref(pipeline), [.. draft.Stages.Select(Ref)])
            : null;

    private static CrmRef Ref(Located<string> value) => new(value.Value, value.Pos.Line, value.Pos.Column);

    private static string? VaguePhrase(string text)
    {
        var padded = Padded(text);
        if (HasEvidence(text))
        {
            // "Follow-up call booked for Friday" names a result; only phrases with nothing to check are vague.
            return null;
        }

        return VaguePhrases.FirstOrDefault(p => padded.Contains(" " + p + (p.EndsWith(' ') ? string.Empty : " "), StringComparison.Ordinal));
    }

    /// <summary>" (did you mean 'qualify'?)" for an id close to a stage's, else null (nothing added).</summary>
    private static MapPhrase? Hint(string id, Dictionary<string, StageDraft> stagesById)
    {
        var lev = new F23.StringSimilarity.Levenshtein();
        var best = stagesById.Keys.MinBy(k => lev.Distance(id, k));
        return best is not null && lev.Distance(id, best) <= Math.Max(2, id.Length / 3) ? new MapPhrase("Hint.DidYouMean", best) : null;
    }

    private sealed class Sink(List<MapDiagnostic> diagnostics)
    {
        public bool HasErrors => ErrorCount > 0;

        public int ErrorCount => diagnostics.Count(d => d.IsError);

        public void Error(Pos pos, string key, params object?[] args) => diagnostics.Add(MapDiagnostic.Error(pos.Line, pos.Column, key, args));

        public void Warn(Pos pos, string key, params object?[] args) => diagnostics.Add(MapDiagnostic.Warning(pos.Line, pos.Column, key, args));

        /// <summary>A "has no X" warning, unless X was written and the reader already reported what is wrong with it.</summary>
        public void WarnUnless(bool reported, Pos pos, string key, params object?[] args)
        {
            if (!reported)
            {
                Warn(pos, key, args);
            }
        }
    }
}
