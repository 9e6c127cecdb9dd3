namespace SalesCoachBot.Core.ProcessMaps;

/// <summary>
/// A piece of map text in one or more languages (ADR 0021): <c>name: Demo</c> is the map's language only,
/// <c>name: { en: Demo, ar: العرض التوضيحي }</c> carries each. <see cref="Default"/> is the map's language.
/// </summary>
public sealed class LocalizedText
{
    private readonly IReadOnlyDictionary<string, string> _byLanguage;

    private LocalizedText(string defaultLanguage, IReadOnlyDictionary<string, string> byLanguage, string fallback)
    {
        DefaultLanguage = defaultLanguage;
        _byLanguage = byLanguage;
        Default = byLanguage.GetValueOrDefault(defaultLanguage) ?? fallback;
    }

    /// <summary>The map's language, used when the asked-for language has no text.</summary>
    public string DefaultLanguage { get; }

    /// <summary>The text in the map's language.</summary>
    public string Default { get; }

    /// <summary>The languages this text is written in.</summary>
    public IEnumerable<string> Languages => _byLanguage.Keys;

    /// <summary>The text as written in each of its languages, the map's first.</summary>
    public IEnumerable<string> InEveryLanguage => _byLanguage.Values.Where(t => t != Default).Prepend(Default);

    /// <summary>True when the text is written in more than one language.</summary>
    public bool IsTranslated => _byLanguage.Count > 1;

    /// <summary>Text in the map's language only (a plain string in the YAML).</summary>
    public static LocalizedText Plain(string text, string language = MapLanguages.Default) =>
        new(language, new Dictionary<string, string>(StringComparer.Ordinal) { [language] = text }, text);

    /// <summary>Text per language; <paramref name="defaultLanguage"/> should be among them (else the first is shown).</summary>
    public static LocalizedText Of(string defaultLanguage, IReadOnlyDictionary<string, string> byLanguage) =>
        byLanguage.Count == 0
            ? throw new ArgumentException("at least one language is needed", nameof(byLanguage))
            : new(defaultLanguage, new Dictionary<string, string>(byLanguage, StringComparer.Ordinal), byLanguage.Values.First());

    /// <summary>True when the text is written in <paramref name="language"/> ("ar-SA" counts as "ar").</summary>
    public bool Has(string language) => Find(language) is not null;

    /// <summary>
    /// The text in <paramref name="language"/> ("ar", or a culture such as "ar-SA" whose language is "ar"),
    /// else in the map's language. Null or empty asks for the map's language.
    /// </summary>
    public string For(string? language) =>
        string.IsNullOrEmpty(language) ? Default : Find(language) ?? Default;

    public override string ToString() => Default;

    // Value equality, so map records built twice from the same text compare equal.
    public override bool Equals(object? obj) =>
        obj is LocalizedText other && other.DefaultLanguage == DefaultLanguage && other.Default == Default &&
        other._byLanguage.Count == _byLanguage.Count &&
        _byLanguage.All(kv => other._byLanguage.TryGetValue(kv.Key, out var text) && text == kv.Value);

    public override int GetHashCode() => HashCode.Combine(DefaultLanguage, Default, _byLanguage.Count);

    private string? Find(string language)
    {
        if (_byLanguage.TryGetValue(language, out var exact))
        {
            return exact;
        }

        var primary = MapLanguages.Primary(language);
        return _byLanguage.TryGetValue(primary, out var text) ? text : null;
    }
}

/// <summary>The language codes a map may use.</summary>
public static class MapLanguages
{
    /// <summary>The map's language when it names none (<c>language:</c> at its top).</summary>
    public const string Default = "en";

    /// <summary>
    /// The languages <c>map lint</c> checks translations against when it knows no team's language: once a map
    /// translates anything, every item should read in Arabic and English (the article's two audiences).
    /// </summary>
    public static readonly IReadOnlyList<string> LintFallback = ["en", "ar"];

    /// <summary>"ar-SA" → "ar"; "EN" → "en".</summary>
    public static string Primary(string language)
    {
        var dash = language.IndexOfAny(['-', '_']);
        return (dash < 0 ? language : language[..dash]).ToLowerInvariant();
    }

    /// <summary>A two- or three-letter ISO 639 language code .NET knows ("en", "ar", "fil"); regions are not map languages.</summary>
    public static bool IsKnown(string code)
    {
        if (code.Length is < 2 or > 3 || !code.All(c => c is >= 'a' and <= 'z'))
        {
            return false;
        }

        try
        {
            var culture = System.Globalization.CultureInfo.GetCultureInfo(code, predefinedOnly: true);
            return culture.TwoLetterISOLanguageName == code || culture.ThreeLetterISOLanguageName == code;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }
}
