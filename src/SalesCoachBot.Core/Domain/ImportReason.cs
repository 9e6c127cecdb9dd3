using System.Text.RegularExpressions;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Core.Domain;

/// <summary>
/// What a CSV import did to a deal's status, as its stage-history row stores it: language-neutral
/// (<c>import:lost:open:price</c> = closed as lost, was open, lost reason <c>price</c>), so the row says its own outcome
/// ("what moved" does not guess it from the deal's status now) and is worded in the reader's language only when shown.
/// Rows stored before it in English ("import; lost (price)", "import; was won") are read too.
/// </summary>
public sealed partial record ImportReason(DealStatus Outcome, DealStatus Was, string? LostReason = null)
{
    /// <summary>The reason of an import's plain stage change (no status change).</summary>
    public const string StageChange = "import";

    private const string Prefix = StageChange + ":";

    /// <summary>The longest reason a stage-history row holds (<c>stage_history.reason</c>).</summary>
    public const int MaxStoredLength = 500;

    /// <summary>
    /// The stored form: <c>import:OUTCOME:WAS[:LOST REASON]</c>, the reason last, as it may hold a colon; a lost reason too
    /// long for the column is cut there (the deal keeps it whole).
    /// </summary>
    public string Stored
    {
        get
        {
            var stored = $"{Prefix}{Word(Outcome)}:{Word(Was)}" + (LostReason is { Length: > 0 } reason ? ":" + reason : string.Empty);
            return stored.Length <= MaxStoredLength ? stored : stored[..MaxStoredLength];
        }
    }

    /// <summary>The import's outcome stored in <paramref name="text"/>, in either form; null for any other reason.</summary>
    public static ImportReason? Parse(string? text)
    {
        if (text is null || !text.StartsWith(StageChange, StringComparison.Ordinal))
        {
            return null;
        }

        if (text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var parts = text[Prefix.Length..].Split(':', 3);
            return parts.Length >= 2 && TryStatus(parts[0], out var outcome) && TryStatus(parts[1], out var was)
                ? new ImportReason(outcome, was, parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null)
                : null;
        }

        // The English rows imports wrote before (session 49): "import; won", "import; lost (price)", "import; was won".
        var old = OldRegex().Match(text);
        if (!old.Success)
        {
            return null;
        }

        var reason = old.Groups["reason"].Success ? old.Groups["reason"].Value : null;
        return old.Groups["was"].Value switch
        {
            "won" => new ImportReason(DealStatus.Lost, DealStatus.Won),
            "lost" => new ImportReason(DealStatus.Won, DealStatus.Lost),
            _ => old.Groups["status"].Value == "won" ? new ImportReason(DealStatus.Won, DealStatus.Open) : new ImportReason(DealStatus.Lost, DealStatus.Open, reason),
        };
    }

    /// <summary>
    /// What a stage-history row says the deal's status became: an import's close or reopen row (imports record no person,
    /// so a reason typed in chat is never read as one); null for any other row.
    /// </summary>
    public static DealStatus? OutcomeOf(StageChangeKind kind, long? byPersonId, string? reason) =>
        kind is StageChangeKind.Closed or StageChangeKind.Reopened && byPersonId is null ? Parse(reason)?.Outcome : null;

    /// <summary>
    /// A stored reason as the history shows it: an import's outcome in the reader's language ("imported, lost (price)",
    /// «مستوردة، خاسرة (السعر)»), the lost reason in the map's words; any other text as <see cref="Crm.CrmReasons"/> reads it.
    /// </summary>
    public static string Describe(string text, Phrases say, ProcessMap? map)
    {
        ArgumentNullException.ThrowIfNull(say);
        if (Parse(text) is not { } import)
        {
            return Crm.CrmReasons.Describe(text, say);
        }

        if (import.Outcome == DealStatus.Open)
        {
            return say.Coaching("ImportReason.Reopened", import.StatusWords(import.Was, say, map));
        }

        var outcome = import.StatusWords(import.Outcome, say, map);
        return import.Was == DealStatus.Open
            ? say.Coaching("ImportReason.Closed", outcome)
            : say.Coaching("ImportReason.ClosedWas", outcome, import.StatusWords(import.Was, say, map));
    }

    /// <summary>"won", "lost (price)", "in nurture": the chat's reopen words; the lost reason goes with the lost side.</summary>
    private string StatusWords(DealStatus status, Phrases say, ProcessMap? map) => status switch
    {
        DealStatus.Won => say.Coaching("Reopen.WasWon"),
        DealStatus.Nurture => say.Coaching("Reopen.WasNurture"),
        DealStatus.Lost when LostReason is { } reason => say.Coaching("Reopen.WasLostBecause", MapWording.LostReason(reason, say, map)),
        DealStatus.Lost => say.Coaching("Reopen.WasLost"),
        _ => say.Coaching("ImportReason.Open"),
    };

    private static string Word(DealStatus status) => status.ToString().ToLowerInvariant();

    private static bool TryStatus(string word, out DealStatus status) =>
        Enum.TryParse(word, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(word, out _);

    [GeneratedRegex(@"^import; (?:was (?<was>won|lost)|(?<status>won|lost)(?: \((?<reason>.*)\))?)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex OldRegex();
}
