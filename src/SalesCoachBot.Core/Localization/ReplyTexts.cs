using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SalesCoachBot.Core.Localization;

// Marker types: each names one resource file (Localization/<Name>.resx, English, and <Name>.ar.resx, Arabic).

/// <summary>Answers of the coaching use cases (deals, steps, notes, closes) and help.</summary>
public sealed class CoachingText;

/// <summary>The deal card, its forms and buttons, and what the renderers add around a card.</summary>
public sealed class CardText;

/// <summary>Pipeline report, details, reverse funnel, KPIs, the map picture and its captions.</summary>
public sealed class PipelineText;

/// <summary>The stalled-deal digest, reminders, re-engage and manager notices.</summary>
public sealed class NudgeText;

/// <summary>Polite refusals: not found, not allowed, bad input.</summary>
public sealed class ErrorText;

/// <summary>Lists a person asks for: their deals, stalled deals, a stage's page of the map.</summary>
public sealed class ListText;

/// <summary>The Slack App Home: the person's deals and teams at a glance.</summary>
public sealed class HomeText;

/// <summary>The words drawn in the pictures (map, funnel) and the map picture's captions.</summary>
public sealed class ChartText;

/// <summary>What the process map checks find wrong in a map file: <c>map lint</c> and the admins' refusal notice.</summary>
public sealed class MapText;

/// <summary>
/// Every sentence a person reads, through the framework's localisation (<see cref="IStringLocalizer{T}"/> over .resx
/// resources). A reply asks for its texts in one <see cref="ReplyLanguage"/> with <see cref="In"/>; the language is
/// passed, never taken from the thread's culture.
/// </summary>
public sealed class ReplyTexts(
    IStringLocalizer<CoachingText> coaching,
    IStringLocalizer<CardText> cards,
    IStringLocalizer<PipelineText> pipeline,
    IStringLocalizer<NudgeText> nudges,
    IStringLocalizer<ErrorText> errors,
    IStringLocalizer<ListText> lists,
    IStringLocalizer<HomeText> home,
    IStringLocalizer<ChartText> charts,
    IStringLocalizer<MapText> maps)
{
    /// <summary>
    /// The same resources without a container, for code built outside DI (tests, the default of a turn context). The
    /// factory holds no per-call state: it only caches the resource managers it made.
    /// </summary>
    public static ReplyTexts Shared { get; } = Create(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    internal IStringLocalizer Coaching => coaching;
    internal IStringLocalizer Cards => cards;
    internal IStringLocalizer Pipeline => pipeline;
    internal IStringLocalizer Nudges => nudges;
    internal IStringLocalizer Errors => errors;
    internal IStringLocalizer Lists => lists;
    internal IStringLocalizer Home => home;
    internal IStringLocalizer Charts => charts;
    internal IStringLocalizer Maps => maps;

    // Resources do not change while the process runs, so each (file, culture, key) is looked up once: a card asks
    // for a dozen texts, and each ResourceManager lookup takes a lock and switches the thread's culture twice.
    private readonly ConcurrentDictionary<(IStringLocalizer Localizer, string Culture, string Key), FoundText> _found = new();

    public Phrases In(ReplyLanguage language) => new(this, language);

    /// <summary><see cref="Lookup"/>, remembered.</summary>
    internal FoundText Find(IStringLocalizer localizer, CultureInfo culture, string key) =>
        _found.GetOrAdd((localizer, culture.Name, key), static (k, culture) => new FoundText(Lookup(k.Localizer, culture, k.Key)), culture);

    public static ReplyTexts Create(IStringLocalizerFactory factory) => new(
        new StringLocalizer<CoachingText>(factory),
        new StringLocalizer<CardText>(factory),
        new StringLocalizer<PipelineText>(factory),
        new StringLocalizer<NudgeText>(factory),
        new StringLocalizer<ErrorText>(factory),
        new StringLocalizer<ListText>(factory),
        new StringLocalizer<HomeText>(factory),
        new StringLocalizer<ChartText>(factory),
        new StringLocalizer<MapText>(factory));

    /// <summary>
    /// One resource string in one culture. <see cref="IStringLocalizer"/> reads <see cref="CultureInfo.CurrentUICulture"/>
    /// and has no overload that takes a culture, so the culture is set around this one synchronous lookup and put
    /// back: nothing awaits in between, so it cannot leak to another turn or another await.
    /// </summary>
    internal static LocalizedString Lookup(IStringLocalizer localizer, CultureInfo culture, string key)
    {
        var saved = CultureInfo.CurrentUICulture;
        if (Equals(saved, culture))
        {
            return localizer[key];
        }

        CultureInfo.CurrentUICulture = culture;
        try
        {
            return localizer[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}

/// <summary>
/// A resource text as found, and its placeholders parsed once on first use (string.Format would parse the text again
/// on every reply). Two turns may both parse it first; either result is the same.
/// </summary>
internal sealed class FoundText(LocalizedString text)
{
    public LocalizedString Text { get; } = text;

    public CompositeFormat Format => field ??= CompositeFormat.Parse(Text.Value);
}
