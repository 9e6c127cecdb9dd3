using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>The team's written sales process: stages, their checklists and the paths between them.</summary>
public sealed record ProcessMap(
    string Name,
    int Version,
    StageId Start,
    StageId Won,
    IReadOnlyList<Stage> Stages,
    MapOutcomes Outcomes)
{
    // Built for the Stages and Start it was made from. A copy made with `with { Stages = … }` or `with { Start = … }`
    // carries the field over, so each read checks that it still belongs to this map and builds a new one if not.
    private StageIndex _index = new(Stages, Start);

    /// <summary>The id of the shipped map, and of a map given as text with no <c>id</c>.</summary>
    public const string DefaultId = "default";

    /// <summary>
    /// The map's id: teams choose their map by it (<c>map</c> column of teams.csv). The <c>id</c> key of the file, else
    /// the file's name without extension, else <see cref="DefaultId"/>.
    /// </summary>
    public string Id { get; init; } = DefaultId;

    /// <summary>
    /// False when the file gives no <c>name</c>: <see cref="Name"/> is then the English stand-in ("Process map") that logs
    /// and <c>map</c> tools print, and replies name the map in the reader's language (<c>MapWording.MapName</c>).
    /// </summary>
    public bool IsNamed { get; init; } = true;

    /// <summary>The map's language (<c>language:</c>, default en): what a plain string in the map is written in.</summary>
    public string Language { get; init; } = MapLanguages.Default;

    /// <summary>
    /// The KPIs the team tracks, as written in the map (free text, translatable like stage names); the pipeline's
    /// details compute those whose words name a measure it has (<c>PipelineKpis</c>).
    /// </summary>
    public IReadOnlyList<LocalizedText> Kpis { get; init; } = [];

    public Stage? FindStage(StageId id) => Index.ById.GetValueOrDefault(id);

    private StageIndex Index
    {
        get
        {
            var index = _index;
            if (!ReferenceEquals(index.Stages, Stages) || index.Start != Start)
            {
                // Two threads may both rebuild: each index is complete and equal, and a reference is written whole.
                _index = index = new StageIndex(Stages, Start);
            }

            return index;
        }
    }

    /// <summary>
    /// The stage for <paramref name="id"/>, following <c>replaces</c> when the id was renamed or merged away. One step is
    /// the whole chain: <c>map lint</c> refuses a replaced id that is still a stage, so a stage renamed twice lists both
    /// older ids (<c>replaces: [product-demo, demo]</c>); the bot keeps no earlier maps to follow.
    /// </summary>
    public Stage? ResolveStage(StageId id) =>
        FindStage(id) ?? Stages.FirstOrDefault(s => s.Replaces.Contains(id));

    public Stage GetStage(StageId id) =>
        FindStage(id) ?? throw new KeyNotFoundException($"Stage '{id}' is not in map '{Name}'.");

    /// <summary>The stage a deal advances to once <paramref name="stage"/>'s checklist is done, if any.</summary>
    public Stage? NextOf(Stage stage) => stage.Next is { } next ? FindStage(next) : null;

    /// <summary>The branch the map takes when the buyer says no in this stage (default: nurture).</summary>
    public BranchTarget SaidNoTarget(Stage stage) =>
        stage.Branches.FirstOrDefault(b => b.IsBuyerSaysNo)?.To ?? BranchTarget.Nurture;

    /// <summary>Stages in path order from <see cref="Start"/>, then any not on that path.</summary>
    // Computed once a map: every checklist card asks for the stage's position.
    public IReadOnlyList<Stage> OrderedStages() => Index.Ordered;

    /// <summary>Where <paramref name="id"/> stands on the path from <c>start</c> (0 for the first stage); -1 off the path.</summary>
    public int PositionOf(StageId id) => Index.Positions.GetValueOrDefault(id, -1);

    /// <summary>
    /// The stages a deal stands in once won: the map's <c>won</c> stage and those after it on the path (implementation,
    /// go-live…); empty when the map has no such stage.
    /// </summary>
    public IReadOnlyList<Stage> WonAndAfter()
    {
        var stages = new List<Stage>();
        var seen = new HashSet<StageId>();
        for (var stage = FindStage(Won); stage is not null && seen.Add(stage.Id); stage = NextOf(stage))
        {
            stages.Add(stage);
        }

        return stages;
    }

    /// <summary>
    /// Whether <paramref name="id"/> (or the stage that replaced it) comes before the <c>won</c> stage on the path: a deal
    /// won there has skipped to won, as "mark DEAL won" moves it from there in chat.
    /// </summary>
    public bool IsBeforeWon(StageId id) =>
        PositionOf(Won) is var won and >= 0 && ResolveStage(id) is { } stage && PositionOf(stage.Id) is var at and >= 0 && at < won;

    /// <summary>Whether <paramref name="id"/> (or the stage that replaced it) is the <c>won</c> stage or one after it on the path.</summary>
    public bool IsWonOrAfter(StageId id) =>
        PositionOf(Won) is var won and >= 0 && ResolveStage(id) is { } stage && PositionOf(stage.Id) >= won;

    /// <summary>The map's stages by id and in path order, for one list of stages and one start.</summary>
    private sealed class StageIndex(IReadOnlyList<Stage> stages, StageId start)
    {
        private IReadOnlyList<Stage>? _ordered;
        private Dictionary<StageId, int>? _positions;

        public IReadOnlyList<Stage> Stages { get; } = stages;

        public StageId Start { get; } = start;

        public Dictionary<StageId, Stage> ById { get; } = stages.ToDictionary(s => s.Id);

        public IReadOnlyList<Stage> Ordered => _ordered ??= Order();

        public Dictionary<StageId, int> Positions => _positions ??= Ordered.Select((stage, i) => (stage.Id, i)).ToDictionary(p => p.Id, p => p.i);

        private List<Stage> Order()
        {
            var ordered = new List<Stage>();
            var seen = new HashSet<StageId>();
            for (var stage = ById.GetValueOrDefault(Start);
                 stage is not null && seen.Add(stage.Id);
                 stage = stage.Next is { } next ? ById.GetValueOrDefault(next) : null)
            {
                ordered.Add(stage);
            }

            ordered.AddRange(Stages.Where(s => !seen.Contains(s.Id)));
            return ordered;
        }
    }
}

public sealed record Stage(
    StageId Id,
    string Name,
    string Owner,
    string? Entry,
    string? Activities,
    int StallAfterDays,
    IReadOnlyList<ChecklistItem> Checklist,
    StageId? Next,
    IReadOnlyList<Branch> Branches,
    IReadOnlyList<SubStage> Substages,
    IReadOnlyList<StageId> Replaces)
{
    private readonly LocalizedText? _nameText;
    private readonly LocalizedText? _entryText;
    private readonly LocalizedText? _activitiesText;

    public IEnumerable<ChecklistItem> RequiredItems => Checklist.Where(i => i.Required);

    /// <summary>The stage name in every language the map gives (<see cref="Name"/> is the map's language).</summary>
    public LocalizedText NameText { get => _nameText ?? LocalizedText.Plain(Name); init => _nameText = value; }

    /// <summary>The entry definition in every language the map gives; null when the stage has none.</summary>
    public LocalizedText? EntryText { get => _entryText ?? (Entry is null ? null : LocalizedText.Plain(Entry)); init => _entryText = value; }

    /// <summary>The activities in every language the map gives; null when the stage has none.</summary>
    public LocalizedText? ActivitiesText
    {
        get => _activitiesText ?? (Activities is null ? null : LocalizedText.Plain(Activities));
        init => _activitiesText = value;
    }

    /// <summary>The stage name in <paramref name="language"/>, else in the map's language.</summary>
    public string NameFor(string? language) => NameText.For(language);

    public string? EntryFor(string? language) => EntryText?.For(language);

    public string? ActivitiesFor(string? language) => ActivitiesText?.For(language);

    /// <summary>The CRM pipeline and stage(s) this stage corresponds to (<c>crm: { pipeline, stages }</c>); null when unmapped.</summary>
    public CrmStageMapping? Crm { get; init; }

    public ChecklistItem? FindItem(ChecklistItemId id) => Checklist.FirstOrDefault(i => i.Id == id);

    /// <summary>
    /// Whether a recorded stage id means this stage: its own id, or one it <c>replaces</c> (history, confirmations and
    /// closed deals keep the id they were written under when a map renames or merges a stage).
    /// </summary>
    public bool Covers(string stageId) => Covers(Id, Replaces, stageId);

    /// <summary>A loop, not LINQ: the pipeline asks this once per history row.</summary>
    internal static bool Covers(StageId id, IReadOnlyList<StageId> replaces, string stageId)
    {
        if (string.Equals(id.Value, stageId, StringComparison.Ordinal))
        {
            return true;
        }

        for (var i = 0; i < replaces.Count; i++)
        {
            if (string.Equals(replaces[i].Value, stageId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

public sealed record ChecklistItem(ChecklistItemId Id, string Text, bool Required)
{
    private readonly LocalizedText? _texts;

    /// <summary>The item's text in every language the map gives (<see cref="Text"/> is the map's language).</summary>
    public LocalizedText Texts { get => _texts ?? LocalizedText.Plain(Text); init => _texts = value; }

    /// <summary>The item's text in <paramref name="language"/>, else in the map's language.</summary>
    public string TextFor(string? language) => Texts.For(language);
}

public sealed record SubStage(string Id, string Name)
{
    private readonly LocalizedText? _nameText;

    /// <summary>The sub-stage name in every language the map gives (<see cref="Name"/> is the map's language).</summary>
    public LocalizedText NameText { get => _nameText ?? LocalizedText.Plain(Name); init => _nameText = value; }

    /// <summary>The sub-stage name in <paramref name="language"/>, else in the map's language.</summary>
    public string NameFor(string? language) => NameText.For(language);
}

/// <summary>A decision point: when <see cref="When"/> happens, the deal goes to <see cref="To"/>.</summary>
public sealed record Branch(string When, BranchTarget To)
{
    private readonly LocalizedText? _whenText;

    /// <summary>
    /// The branch's name per language; <see cref="When"/> (the map's language) stays the key commands and
    /// history use, the translations are for showing.
    /// </summary>
    public LocalizedText WhenText { get => _whenText ?? LocalizedText.Plain(When); init => _whenText = value; }

    public string WhenFor(string? language) => WhenText.For(language);

    public const string BuyerSaysNo = "buyer-says-no";

    /// <summary>
    /// The "buyer says no" key in the map languages the bot speaks: a map writes its branch keys in its own language, so an
    /// Arabic map names the branch <c>المشتري-يرفض</c> (the shipped map's Arabic words for it, joined by '-').
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> BuyerSaysNoKeys =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = BuyerSaysNo, ["ar"] = "المشتري-يرفض" };

    /// <summary>True when this is the branch "DEAL said no" follows: its <c>when</c> is the buyer-says-no key in any of its languages.</summary>
    public bool IsBuyerSaysNo =>
        When == BuyerSaysNo || WhenText.Languages.Any(language => IsBuyerSaysNoKey(WhenText.For(language), language));

    /// <summary>True when <paramref name="when"/>, written in <paramref name="language"/>, is that language's buyer-says-no key.</summary>
    public static bool IsBuyerSaysNoKey(string when, string language) =>
        BuyerSaysNoKeys.TryGetValue(MapLanguages.Primary(language), out var key)
        && string.Equals(string.Join('-', when.Split(' ', StringSplitOptions.RemoveEmptyEntries)), key, StringComparison.Ordinal);
}

/// <summary>Where a branch leads: a stage of the map or one of the reserved outcomes.</summary>
public readonly record struct BranchTarget(string Value)
{
    public static readonly BranchTarget Nurture = new("nurture");
    public static readonly BranchTarget Lost = new("lost");

    public bool IsNurture => Value == Nurture.Value;
    public bool IsLost => Value == Lost.Value;
    public bool IsReserved => IsNurture || IsLost;
    public StageId AsStage => new(Value);

    public override string ToString() => Value;
}

public sealed record MapOutcomes(IReadOnlyList<string> LostReasons, int NurtureReengageAfterDays)
{
    /// <summary>The CRM's closed-lost stage(s) (<c>outcomes.lost.crm</c>); null when unmapped.</summary>
    public CrmStageMapping? LostCrm { get; init; }

    /// <summary>
    /// Translations of the lost reasons, keyed by the reason as written in the map's language (the key
    /// <c>lost</c> stores); a reason without an entry reads the same in every language.
    /// </summary>
    public IReadOnlyDictionary<string, LocalizedText> LostReasonTexts { get; init; } = new Dictionary<string, LocalizedText>();

    /// <summary>The lost reason <paramref name="reason"/> as shown in <paramref name="language"/>.</summary>
    public string LostReasonFor(string reason, string? language) =>
        LostReasonTexts.TryGetValue(reason, out var text) ? text.For(language) : reason;

    public static readonly MapOutcomes Default =
        new(["price", "competitor", "no-budget", "no-decision", "timing"], 90);
}

/// <summary>An id the map names in the CRM, with where it is written so <c>crm check</c> can point at it.</summary>
public readonly record struct CrmRef(string Id, int Line, int Column)
{
    public override string ToString() => Id;
}

/// <summary>A map stage's (or the lost outcome's) place in the CRM: one pipeline, one or more of its stages.</summary>
public sealed record CrmStageMapping(CrmRef Pipeline, IReadOnlyList<CrmRef> Stages);
