using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>Where a value sits in the file (1-based), so every finding can point at it.</summary>
internal readonly record struct Pos(int Line, int Column)
{
    public static readonly Pos Top = new(1, 1);

    public static Pos Of(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    /// <summary>"at line 12": how a sentence names a stage or item that has no id.</summary>
    public MapPhrase AtLine() => new("Part.AtLine", Line);
}

internal readonly record struct Located<T>(T Value, Pos Pos);

internal sealed class MapDraft
{
    public Located<string>? Id { get; set; }
    public Located<string>? Name { get; set; }
    public Located<int>? Version { get; set; }
    public Located<string>? Start { get; set; }
    public Located<string>? Won { get; set; }
    public Pos StagesPos { get; set; } = Pos.Top;
    public List<StageDraft> Stages { get; } = [];
    public List<Located<string>> LostReasons { get; } = [];
    public bool HasLostReasons { get; set; }
    public Located<int>? ReengageAfterDays { get; set; }
    public List<Located<string>> Kpis { get; } = [];
    public CrmDraft? LostCrm { get; set; }
    public Located<string>? Language { get; set; }

    /// <summary>Top-level keys whose value the reader already reported as wrong: not reported again as missing.</summary>
    public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);

    /// <summary>Every translatable text (stage name, entry, activities, item, branch, lost reason), by its default-language position.</summary>
    public Dictionary<Pos, TextDraft> Texts { get; } = [];

    public string LanguageCode => Language?.Value ?? MapLanguages.Default;

    /// <summary>The text at <paramref name="at"/> in every language written, else the plain value in the map's language.</summary>
    public LocalizedText TextAt(Located<string> at) =>
        Texts.TryGetValue(at.Pos, out var text) ? text.ToText(LanguageCode) : LocalizedText.Plain(at.Value, LanguageCode);
}

/// <summary>A translatable text as written: what it is ("name", "text", …) and its value per language, each with its position.</summary>
internal sealed record TextDraft(object What, Pos Pos, IReadOnlyDictionary<string, Located<string>> ByLanguage)
{
    public LocalizedText ToText(string defaultLanguage) =>
        LocalizedText.Of(defaultLanguage, ByLanguage.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal));
}

/// <summary><c>crm: { pipeline: ID, stages: [ID, …] }</c> as written.</summary>
internal sealed record CrmDraft(Pos Pos, Located<string>? Pipeline, List<Located<string>> Stages);

internal sealed class StageDraft(Pos pos)
{
    public Pos Pos { get; } = pos;
    public Located<string>? Id { get; set; }
    public Located<string>? Name { get; set; }
    public Located<string>? Owner { get; set; }
    public Located<string>? Entry { get; set; }
    public Located<string>? Activities { get; set; }
    public Located<int>? StallAfterDays { get; set; }
    public Pos? ChecklistPos { get; set; }
    public List<ItemDraft> Checklist { get; } = [];
    public Located<string>? Next { get; set; }
    public List<BranchDraft> Branches { get; } = [];
    public List<SubStageDraft> Substages { get; } = [];
    public List<Located<string>> Replaces { get; } = [];
    public CrmDraft? Crm { get; set; }

    /// <summary>Keys whose value the reader already reported as wrong (a blank name, a number that is not one): not reported again as missing.</summary>
    public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);

    public Pos IdPos => Id?.Pos ?? Pos;
    public object Label => Id?.Value ?? (object)Pos.AtLine();
}

internal sealed record ItemDraft(Pos Pos, Located<string>? Id, Located<string>? Text, bool Required);

internal sealed record BranchDraft(Pos Pos, Located<string>? When, Located<string>? To);

internal sealed record SubStageDraft(Pos Pos, Located<string>? Id, Located<string>? Name);

/// <summary>
/// Turns YAML text into a <see cref="MapDraft"/>, reporting shape errors (unknown keys, wrong types,
/// malformed YAML) with their position. Meaning (references, reachability, advice) is checked by
/// <see cref="ProcessMapRules"/>.
/// </summary>
internal sealed class ProcessMapReader
{
    internal static readonly string[] MapKeys = ["id", "name", "version", "language", "start", "won", "stages", "outcomes", "kpis"];
    internal static readonly string[] StageKeys =
        ["id", "name", "owner", "entry", "activities", "stallAfterDays", "checklist", "next", "branches", "substages", "replaces", "crm"];
    private static readonly string[] ItemKeys = ["id", "text", "required"];
    private static readonly string[] BranchKeys = ["when", "to"];
    private static readonly string[] SubStageKeys = ["id", "name"];
    private static readonly string[] OutcomeKeys = ["lost", "nurture"];
    private static readonly string[] LostKeys = ["reasons", "crm"];
    private static readonly string[] CrmKeys = ["pipeline", "stages"];
    private static readonly string[] NurtureKeys = ["reengageAfterDays"];

    private static readonly MapPhrase ChecklistItem = new("Part.ChecklistItem");
    private static readonly MapPhrase Branch = new("Part.Branch");
    private static readonly MapPhrase SubStage = new("Part.SubStage");
    private static readonly MapPhrase LostReason = new("What.LostReason");

    private readonly List<MapDiagnostic> _diagnostics;
    private readonly MapDraft _draft = new();

    private ProcessMapReader(List<MapDiagnostic> diagnostics) => _diagnostics = diagnostics;

    public static MapDraft? Read(string yaml, List<MapDiagnostic> diagnostics)
    {
        var reader = new ProcessMapReader(diagnostics);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // The parser's English goes to map lint and the logs; the notice says where, in the admin's language.
            diagnostics.Add(MapDiagnostic.Error((int)ex.Start.Line, (int)ex.Start.Column, "Yaml.Invalid") with
            {
                Detail = ex.InnerException?.Message ?? ex.Message,
            });
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet reports some broken flow collections this way, without a position: the text says where.
            reader.Error(FlowBrackets.FirstUnbalanced(yaml) ?? Pos.Top, "Yaml.UnbalancedCollection");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            reader.Error(Pos.Top, "Yaml.Empty");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            reader.Error(Pos.Of(stream.Documents[1].RootNode), "Yaml.SeveralDocuments");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reader.Error(Pos.Of(stream.Documents[0].RootNode), "Yaml.NotAMapping");
            return null;
        }

        return reader.ReadMap(root);
    }

    private MapDraft ReadMap(YamlMappingNode root)
    {
        var draft = _draft;
        var sawStages = false;
        // The language comes first wherever it is written: every plain string below is in it.
        if (root.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "language" }).Value is { } languageNode &&
            Text(languageNode, "language") is { } language)
        {
            if (MapLanguages.IsKnown(language.Value))
            {
                draft.Language = language;
            }
            else
            {
                UnknownLanguage(language);
            }
        }

        foreach (var (key, value) in Entries(root, MapKeys, new MapPhrase("Where.Map")))
        {
            var errorsBefore = _diagnostics.Count;
            switch (key)
            {
                case "language": break;
                case "id": draft.Id = Text(value, key); break;
                case "name": draft.Name = ShownText(value, key, new("What.MapName")); break;
                case "version": draft.Version = Integer(value, key); break;
                case "start": draft.Start = Text(value, key); break;
                case "won": draft.Won = Text(value, key); break;
                case "stages":
                    sawStages = true;
                    draft.StagesPos = Pos.Of(value);
                    foreach (var node in Sequence(value, key))
                    {
                        if (node is YamlMappingNode stage)
                        {
                            draft.Stages.Add(ReadStage(stage));
                        }
                        else
                        {
                            Error(Pos.Of(node), "Stage.NotAMapping");
                        }
                    }

                    break;
                case "outcomes": ReadOutcomes(value, draft); break;
                case "kpis":
                    draft.Kpis.AddRange(Sequence(value, key).Select(n => LocalText(n, "kpi", new("What.Kpi"))).OfType<Located<string>>());
                    break;
            }

            if (_diagnostics.Count > errorsBefore)
            {
                draft.Reported.Add(key);
            }
        }

        if (!sawStages)
        {
            Error(Pos.Top, "Map.NoStagesKey");
        }

        return draft;
    }

    private StageDraft ReadStage(YamlMappingNode node)
    {
        var stage = new StageDraft(Pos.Of(node));
        // Texts may come before the id; their messages name the stage all the same.
        var label = MapPhrase.OfStage(IdOrLine(node));
        foreach (var (key, value) in Entries(node, StageKeys, new MapPhrase("Where.Stage")))
        {
            var errorsBefore = _diagnostics.Count;
            switch (key)
            {
                case "id": stage.Id = Text(value, key); break;
                case "name": stage.Name = LocalText(value, key, new("What.NameOf", label)); break;
                case "owner": stage.Owner = Text(value, key); break;
                case "entry": stage.Entry = LocalText(value, key, new("What.EntryOf", label)); break;
                case "activities": stage.Activities = LocalText(value, key, new("What.ActivitiesOf", label)); break;
                case "stallAfterDays": stage.StallAfterDays = Integer(value, key); break;
                case "next": stage.Next = Text(value, key); break;
                case "checklist":
                    stage.ChecklistPos = Pos.Of(value);
                    foreach (var item in Sequence(value, key))
                    {
                        if (Mapping(item, new MapPhrase("Expect.ChecklistItem")) is { } map)
                        {
                            stage.Checklist.Add(ReadItem(map));
                        }
                    }

                    break;
                case "branches":
                    foreach (var branch in Sequence(value, key))
                    {
                        if (Mapping(branch, new MapPhrase("Expect.Branch")) is { } map)
                        {
                            var fields = Entries(map, BranchKeys, new MapPhrase("Where.Branch")).ToDictionary(e => e.Key, e => e.Value);
                            stage.Branches.Add(new BranchDraft(
                                Pos.Of(map), Field(fields, "when", map, Branch, new("What.BranchWhenOf", label)), Field(fields, "to", map, Branch)));
                        }
                    }

                    break;
                case "substages":
                    foreach (var sub in Sequence(value, key))
                    {
                        if (Mapping(sub, new MapPhrase("Expect.SubStage")) is { } map)
                        {
                            var fields = Entries(map, SubStageKeys, new MapPhrase("Where.SubStage")).ToDictionary(e => e.Key, e => e.Value);
                            stage.Substages.Add(new SubStageDraft(
                                Pos.Of(map), Field(fields, "id", map, SubStage),
                                fields.TryGetValue("name", out var n) ? LocalText(n, "name", new("What.SubStageName", IdOrLine(map))) : null));
                        }
                    }

                    break;
                case "replaces":
                    stage.Replaces.AddRange(Sequence(value, key).Select(n => Text(n, new MapPhrase("Key.ReplacedStageId"))).OfType<Located<string>>());
                    break;
                case "crm": stage.Crm = ReadCrm(value, new MapPhrase("Where.StageCrm")); break;
            }

            if (_diagnostics.Count > errorsBefore)
            {
                stage.Reported.Add(key);
            }
        }

        return stage;
    }

    private ItemDraft ReadItem(YamlMappingNode map)
    {
        var fields = Entries(map, ItemKeys, new MapPhrase("Where.ChecklistItem")).ToDictionary(e => e.Key, e => e.Value);
        var required = true;
        if (fields.TryGetValue("required", out var req) && Text(req, "required") is { } text)
        {
            if (bool.TryParse(text.Value, out var parsed))
            {
                required = parsed;
            }
            else
            {
                Error(text.Pos, "Item.RequiredNotBoolean", text.Value);
            }
        }

        var itemText = Field(fields, "text", map, ChecklistItem, new("What.ItemText", IdOrLine(map)));
        return new ItemDraft(Pos.Of(map), Field(fields, "id", map, ChecklistItem), itemText, required);
    }

    private void ReadOutcomes(YamlNode value, MapDraft draft)
    {
        if (Mapping(value, new MapPhrase("Expect.Outcomes")) is not { } outcomes)
        {
            return;
        }

        foreach (var (key, node) in Entries(outcomes, OutcomeKeys, "outcomes"))
        {
            if (Mapping(node, $"outcomes.{key}") is not { } map)
            {
                continue;
            }

            if (key == "lost")
            {
                foreach (var (lostKey, lostValue) in Entries(map, LostKeys, "outcomes.lost"))
                {
                    if (lostKey == "crm")
                    {
                        draft.LostCrm = ReadCrm(lostValue, "outcomes.lost.crm");
                        continue;
                    }

                    draft.HasLostReasons = true;
                    draft.LostReasons.AddRange(Sequence(lostValue, "reasons").Select(n => LocalText(n, LostReason, LostReason)).OfType<Located<string>>());
                }
            }
            else
            {
                foreach (var (_, days) in Entries(map, NurtureKeys, "outcomes.nurture"))
                {
                    draft.ReengageAfterDays = Integer(days, "reengageAfterDays");
                }
            }
        }
    }

    private CrmDraft? ReadCrm(YamlNode value, object where)
    {
        if (Mapping(value, new MapPhrase("Expect.Crm", where)) is not { } map)
        {
            return null;
        }

        Located<string>? pipeline = null;
        var stages = new List<Located<string>>();
        foreach (var (key, node) in Entries(map, CrmKeys, where))
        {
            if (key == "pipeline")
            {
                pipeline = Text(node, "pipeline");
            }
            else
            {
                stages.AddRange(Sequence(node, "stages").Select(n => Text(n, new MapPhrase("Key.CrmStageId"))).OfType<Located<string>>());
            }
        }

        return new CrmDraft(Pos.Of(map), pipeline, stages);
    }

    /// <summary>The mapping's entries with known keys; unknown keys are reported with a suggestion.</summary>
    private IEnumerable<KeyValuePair<string, YamlNode>> Entries(YamlMappingNode map, string[] known, object where)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(Pos.Of(keyNode), "Keys.NotPlainWords", where);
                continue;
            }

            if (known.Contains(key, StringComparer.Ordinal))
            {
                yield return new(key, value);
                continue;
            }

            var hint = Suggest(key, known) is { } s ? new MapPhrase("Hint.DidYouMean", s) : new MapPhrase("Hint.KnownKeys", string.Join(", ", known));
            Error(Pos.Of(keyNode), "Keys.Unknown", key, where, hint);
        }
    }

    private static string? Suggest(string key, string[] known)
    {
        var lev = new F23.StringSimilarity.Levenshtein();
        return known
            .Select(k => (Key: k, Distance: lev.Distance(key.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(2, x.Key.Length / 3))
            .OrderBy(x => x.Distance)
            .Select(x => x.Key)
            .FirstOrDefault();
    }

    /// <summary>A required key; <paramref name="shownAs"/> names it when it is a text people read (blank is then an error).</summary>
    private Located<string>? Field(Dictionary<string, YamlNode> fields, string key, YamlNode owner, MapPhrase what, MapPhrase? shownAs = null)
    {
        if (fields.TryGetValue(key, out var node))
        {
            return shownAs is not null ? LocalText(node, key, shownAs) : Text(node, key);
        }

        Error(Pos.Of(owner), "Field.Missing", what, key);
        return null;
    }

    private IEnumerable<YamlNode> Sequence(YamlNode node, string key)
    {
        if (node is YamlSequenceNode seq)
        {
            return seq.Children;
        }

        if (!IsNull(node))
        {
            Error(Pos.Of(node), "Value.NotAList", key);
        }

        return [];
    }

    private YamlMappingNode? Mapping(YamlNode node, object what)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        Error(Pos.Of(node), "Value.NotAMapping", what);
        return null;
    }

    private Located<string>? Text(YamlNode node, object key)
    {
        if (node is YamlScalarNode scalar && !IsNull(scalar))
        {
            return new(scalar.Value!.Trim(), Pos.Of(node));
        }

        if (node is not YamlScalarNode)
        {
            Error(Pos.Of(node), "Value.NotSingle", key);
        }

        return null;
    }

    /// <summary>The mapping's <c>id</c> as written, for messages about keys read before it.</summary>
    private static string? IdOf(YamlMappingNode map) =>
        map.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "id" }).Value is YamlScalarNode { Value: { } id } && id.Trim().Length > 0
            ? id.Trim()
            : null;

    /// <summary>The mapping's <c>id</c>, or "at line 12" when it has none.</summary>
    private static object IdOrLine(YamlMappingNode map) => IdOf(map) ?? (object)Pos.Of(map).AtLine();

    /// <summary>True for a scalar with nothing to show: YAML null, <c>""</c> or only spaces.</summary>
    private static bool IsBlank(YamlNode node) => node is YamlScalarNode scalar && (IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value));

    /// <summary>
    /// A text people read (a name, a checklist item, a branch, a lost reason): blank is an error, never an empty line on a
    /// card or a confirmation of "". <paramref name="what"/> names it in the message ("the text of checklist item 'x'").
    /// </summary>
    private Located<string>? ShownText(YamlNode node, object key, MapPhrase what)
    {
        if (IsBlank(node))
        {
            Error(Pos.Of(node), "Text.Empty", what);
            return null;
        }

        return Text(node, key);
    }

    /// <summary>
    /// A translatable text: a plain string (the map's language) or <c>{ en: …, ar: … }</c>. Returns the text in the map's
    /// language with its position and records every language in <see cref="MapDraft.Texts"/>. Blank (in any language)
    /// is an error, reported once: a blank map-language text is not reported again as missing.
    /// </summary>
    private Located<string>? LocalText(YamlNode node, object key, MapPhrase what)
    {
        var language = _draft.LanguageCode;
        if (node is not YamlMappingNode map)
        {
            var plain = ShownText(node, key, what);
            if (plain is { } p)
            {
                _draft.Texts[p.Pos] = new TextDraft(key, p.Pos, new Dictionary<string, Located<string>> { [language] = p });
            }

            return plain;
        }

        var byLanguage = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        var blankMain = false;
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } code })
            {
                Error(Pos.Of(keyNode), "Text.KeysNotLanguages", key);
                continue;
            }

            if (!MapLanguages.IsKnown(code))
            {
                UnknownLanguage(new Located<string>(code, Pos.Of(keyNode)));
                continue;
            }

            if (IsBlank(value))
            {
                Error(Pos.Of(value), "Text.EmptyIn", what, code);
                // Counted as written, so no "has no translation" warning repeats the error.
                byLanguage[code] = new Located<string>(string.Empty, Pos.Of(value));
                blankMain |= code == language;
                continue;
            }

            if (Text(value, new MapPhrase("Key.InLanguage", key, code)) is { } text)
            {
                byLanguage[code] = text;
            }
        }

        if (blankMain)
        {
            return null;
        }

        if (!byLanguage.TryGetValue(language, out var main))
        {
            if (byLanguage.Count > 0)
            {
                Error(Pos.Of(map), "Text.NoMapLanguage", key, language);
            }

            return null;
        }

        _draft.Texts[main.Pos] = new TextDraft(key, Pos.Of(map), byLanguage);
        return main;
    }

    private void UnknownLanguage(Located<string> code) =>
        Error(code.Pos, "Language.Unknown", code.Value);

    private Located<int>? Integer(YamlNode node, string key)
    {
        if (Text(node, key) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return new(value, text.Pos);
        }

        Error(text.Pos, "Value.NotWholeNumber", key, text.Value);
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private void Error(Pos pos, string key, params object?[] args) =>
        _diagnostics.Add(MapDiagnostic.Error(pos.Line, pos.Column, key, args));
}
