using System.Globalization;
using System.Text.RegularExpressions;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.ProcessMaps;

namespace SalesCoachBot.Data.Imports;

/// <summary>Parsing of single cells; each returns false with a reason a person can act on.</summary>
internal static partial class CsvValues
{
    /// <summary>As a deal typed in chat: far below what the amount columns hold (AmountPrecision.Limit, 10^16).</summary>
    public const decimal MaxAmount = AmountPrecision.TypedLimit;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}(:?\d{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^[A-Za-z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyCode();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    /// <summary>ISO 8601 date or date-time; no offset means UTC.</summary>
    public static bool TryDate(string column, string value, out DateTimeOffset result, out string? error)
    {
        result = default;
        if (!IsoDate().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result))
        {
            error = $"{column} '{value}' is not an ISO 8601 date (expected e.g. 2024-03-31 or 2024-03-31T14:00:00Z)";
            return false;
        }

        result = result.ToUniversalTime();
        error = null;
        return true;
    }

    /// <summary>
    /// The latest time a row may say something happened: the end of today in the team's time zone. A date-only value is
    /// midnight UTC, so a team east of UTC writing today's date would otherwise be refused early in its day; anything
    /// later (2027 in 2026) would show "0 days in stage" and keep the deal from stalling for months.
    /// </summary>
    public static DateTimeOffset LatestPast(DateTimeOffset now, string? timeZoneId)
    {
        var zone = timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return now + (TimeSpan.FromDays(1) - local.TimeOfDay);
    }

    /// <summary>Refuses a date after <paramref name="latest"/> (see <see cref="LatestPast"/>), naming the column and value.</summary>
    public static bool InTheFuture(string column, string value, DateTimeOffset date, DateTimeOffset latest, out string? error)
    {
        error = date > latest ? $"{column} '{value}' is in the future: dates of what happened must be today or earlier" : null;
        return error is not null;
    }

    /// <summary>A non-negative amount, rounded as <see cref="AmountPrecision.Round"/> does for its currency.</summary>
    public static bool TryAmount(string value, string? currency, out decimal amount, out string? error)
    {
        amount = 0;
        if (!PlainNumber().IsMatch(value))
        {
            error = $"amount '{value}' is not a number (use digits and '.' for decimals, no thousands separators)";
            return false;
        }

        // Digits that do not parse are more than a decimal holds (29 digits and up): too large, not "not a number".
        var parsed = decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
        if (parsed ? amount < 0 : value.StartsWith('-'))
        {
            error = $"amount '{value}' is negative";
            return false;
        }

        if (!parsed || amount > MaxAmount)
        {
            error = $"amount '{value}' is absurdly large (over 1,000,000,000,000)";
            return false;
        }

        amount = AmountPrecision.Round(amount, currency);
        error = null;
        return true;
    }

    public static bool TryCurrency(string value, out string currency, out string? error)
    {
        currency = value.ToUpperInvariant();
        error = CurrencyCode().IsMatch(value) ? null : $"currency '{value}' is not a 3-letter code such as EUR or USD";
        return error is null;
    }

    public static bool TryStatus(string value, out DealStatus status, out string? error)
    {
        error = Enum.TryParse(value, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(value, out _)
            ? null
            : $"status '{value}' is not one of open, won, lost, nurture";
        return error is null;
    }

    public static bool TryRole(string value, out PersonRole role, out string? error)
    {
        error = Enum.TryParse(value, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(value, out _)
            ? null
            : $"role '{value}' is not one of rep, manager, admin";
        return error is null;
    }

    public static bool LooksLikeEmail(string value) =>
        value.Length <= 320 && value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);

    /// <summary>Stage ids and display names of the map, case-insensitive, to the stage id.</summary>
    public static Dictionary<string, string> StageLookup(ProcessMap map)
    {
        var lookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in map.Stages)
        {
            lookup.TryAdd(stage.Name.Trim(), stage.Id.Value);
        }

        // Ids win over names when both match.
        foreach (var stage in map.Stages)
        {
            lookup[stage.Id.Value] = stage.Id.Value;
        }

        return lookup;
    }

    public static string UnknownStage(string value, ProcessMap map) =>
        $"unknown stage '{value}' (map '{map.Name}' has: {string.Join(", ", map.Stages.Select(s => s.Id.Value))})";

    /// <summary>
    /// A one-line text (a name, a next step, a reason) with a control character: a quoted cell may hold a line break
    /// ("Sam\r\nTwo"), which would split the name on every card and list. Notes may hold line breaks and are not checked.
    /// </summary>
    public static bool HasControl(string column, string value, out string? error)
    {
        var bad = value.FirstOrDefault(char.IsControl);
        error = value.Any(char.IsControl)
            ? $"{column} contains a control character (U+{(int)bad:X4}{(bad is '\r' or '\n' ? ", a line break" : bad == '\t' ? ", a tab" : string.Empty)}); write it on one line"
            : null;
        return error is not null;
    }

    public static bool TooLong(string column, string value, int max, out string? error)
    {
        error = value.Length > max ? $"{column} is longer than {max} characters" : null;
        return error is not null;
    }

    /// <summary>
    /// A <c>language</c> cell: <c>en</c> or <c>ar</c> (a locale such as <c>ar-SA</c> is read as its language); null for an
    /// empty cell; anything else is an error naming the languages there are.
    /// </summary>
    public static string? Language(string? value, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (Core.Localization.ReplyLanguage.FromCode(value) is { } language)
        {
            return language.Code;
        }

        errors.Add($"language '{value}' is not one of: {string.Join(", ", Core.Localization.ReplyLanguage.Supported)}");
        return null;
    }
}
