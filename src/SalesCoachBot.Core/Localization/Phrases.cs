using System.Globalization;
using Microsoft.Extensions.Localization;

namespace SalesCoachBot.Core.Localization;

/// <summary>
/// The texts of one reply in one language. Keys name a resource; arguments fill its composite-format placeholders
/// (never sentence parts glued together): numbers are written with the language's digits, and in Arabic every Latin
/// argument (a deal name, an id, an amount) is wrapped in Unicode isolates.
/// </summary>
public sealed class Phrases
{
    private readonly ReplyTexts _texts;
    private readonly ReplyFormat _format;

    internal Phrases(ReplyTexts texts, ReplyLanguage language)
    {
        _texts = texts;
        Language = language;
        _format = new ReplyFormat(language);
    }

    /// <summary>English from the shared resources: the default of a turn context built without a container.</summary>
    public static Phrases English { get; } = ReplyTexts.Shared.In(ReplyLanguage.English);

    public ReplyLanguage Language { get; }

    /// <summary>The same texts in another language (a message to someone who reads another one).</summary>
    public Phrases In(ReplyLanguage language) => language == Language ? this : _texts.In(language);

    public string Coaching(string key, params object?[] args) => Say(_texts.Coaching, key, args);

    public string Cards(string key, params object?[] args) => Say(_texts.Cards, key, args);

    public string Pipeline(string key, params object?[] args) => Say(_texts.Pipeline, key, args);

    public string Nudges(string key, params object?[] args) => Say(_texts.Nudges, key, args);

    public string Errors(string key, params object?[] args) => Say(_texts.Errors, key, args);

    public string Lists(string key, params object?[] args) => Say(_texts.Lists, key, args);

    public string Home(string key, params object?[] args) => Say(_texts.Home, key, args);

    public string Charts(string key, params object?[] args) => Say(_texts.Charts, key, args);

    public string Maps(string key, params object?[] args) => Say(_texts.Maps, key, args);

    /// <summary>
    /// A time zone as people name it: its city ("Berlin", «برلين», texts Zone.&lt;IANA id&gt;), never the id
    /// ("Europe/Berlin"). A zone the texts do not name: the city of its id ("America/Argentina/Buenos_Aires" → "Buenos
    /// Aires"), isolated inside Arabic.
    /// </summary>
    public string ZoneName(TimeZoneInfo zone)
    {
        var found = _texts.Find(_texts.Coaching, Language.Culture, "Zone." + zone.Id);
        if (!found.Text.ResourceNotFound)
        {
            return found.Text.Value;
        }

        var city = zone.Id[(zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ');
        return Language.IsRightToLeft ? Language.Isolate(city) : city;
    }

    /// <summary>
    /// A text with its arguments written as they are (invariant digits, no bidi isolates), for tools that print plain
    /// lines an editor or CI parses (<c>map lint</c>) and for logs; chat uses the other methods.
    /// </summary>
    public string Plain(Area area, string key, params object?[] args)
    {
        var found = Require(Localizer(area), key);
        return args.Length == 0 ? found.Text.Value : string.Format(CultureInfo.InvariantCulture, found.Format, args);
    }

    /// <summary>
    /// A text that depends on a count, from <c>KEY.Zero</c>, <c>KEY.One</c>, <c>KEY.Two</c>, <c>KEY.Few</c>,
    /// <c>KEY.Many</c> or <c>KEY.Other</c> by the language's plural rule (Arabic has dual, few and many forms; English
    /// one and other). The count is argument 0.
    /// </summary>
    public string Count(Area area, string key, long count, params object?[] more)
    {
        var localizer = Localizer(area);
        var args = new object?[more.Length + 1];
        args[0] = count;
        more.CopyTo(args, 1);
        foreach (var form in Forms(count))
        {
            var found = _texts.Find(localizer, Language.Culture, key + "." + form);
            if (!found.Text.ResourceNotFound)
            {
                return Format(found, args);
            }
        }

        throw new InvalidOperationException($"No text '{key}.Other' in the {area} resources.");
    }

    /// <summary>Which resource file a counted text is in.</summary>
    public enum Area
    {
        Coaching,
        Cards,
        Pipeline,
        Nudges,
        Errors,
        Lists,
        Home,
        Charts,
        Maps,
    }

    /// <summary>
    /// Plural forms to try, most specific first; <c>Other</c> always exists. The categories are CLDR's: English has one
    /// and other; Arabic zero (0), one (1), two (2), few (3–10), many (11–99) and other (100, 101, 102…), each with its
    /// own noun form («0 يوم», «يوم واحد», «يومان», «3 أيام», «11 يومًا», «100 يوم»). A text may also say zero in words
    /// (<c>KEY.Zero</c>, "No deal won") in either language; a form a text lacks falls back to <c>Other</c>.
    /// </summary>
    private IEnumerable<string> Forms(long count)
    {
        if (count == 0)
        {
            yield return "Zero";
        }

        if (Language.IsRightToLeft)
        {
            var rest = Math.Abs(count) % 100;
            if (count == 1)
            {
                yield return "One";
            }
            else if (count == 2)
            {
                yield return "Two";
            }
            else if (rest is >= 3 and <= 10)
            {
                yield return "Few";
            }
            else if (rest is >= 11 and <= 99)
            {
                yield return "Many";
            }
        }
        else if (count == 1)
        {
            yield return "One";
        }

        yield return "Other";
    }

    private IStringLocalizer Localizer(Area area) => area switch
    {
        Area.Coaching => _texts.Coaching,
        Area.Cards => _texts.Cards,
        Area.Pipeline => _texts.Pipeline,
        Area.Nudges => _texts.Nudges,
        Area.Lists => _texts.Lists,
        Area.Home => _texts.Home,
        Area.Charts => _texts.Charts,
        Area.Maps => _texts.Maps,
        _ => _texts.Errors,
    };

    private string Say(IStringLocalizer localizer, string key, object?[] args)
    {
        var found = Require(localizer, key);
        return args.Length == 0 ? found.Text.Value : Format(found, args);
    }

    private FoundText Require(IStringLocalizer localizer, string key)
    {
        var found = _texts.Find(localizer, Language.Culture, key);
        if (found.Text.ResourceNotFound)
        {
            // A key typed wrong in code: a bug the resource tests catch, never a sentence to show.
            throw new InvalidOperationException($"No text '{key}' in {found.Text.SearchedLocation}.");
        }

        return found;
    }

    private string Format(FoundText found, object?[] args) => string.Format(_format, found.Format, args);

    /// <summary>How arguments are written into a text in this language.</summary>
    private sealed class ReplyFormat(ReplyLanguage language) : IFormatProvider, ICustomFormatter
    {
        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider) => arg switch
        {
            null => string.Empty,
            string s => Bidi.IsFormattedFigure(s) ? s : language.Isolate(s),
            int or long or short => language.Number(Convert.ToInt64(arg, CultureInfo.InvariantCulture)),
            decimal d => format is null ? language.Number(d) : language.Digits(d.ToString(format, CultureInfo.InvariantCulture)),
            double or float => language.Digits(((IFormattable)arg).ToString(format ?? "#,0.#", CultureInfo.InvariantCulture)),
            IFormattable formattable => language.Digits(formattable.ToString(format, language.Culture)),
            _ => language.Isolate(arg.ToString() ?? string.Empty),
        };
    }
}
