using System.Globalization;
using SalesCoachBot.Core.Localization;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>How the pipeline answers write numbers: short, never adding up currencies; in the reply's language when given one.</summary>
internal static class PipelineFormat
{
    /// <summary>
    /// Amounts per currency, "480,000 EUR · 50,000 USD": each written by <see cref="ReplyLanguage.Money"/>, as the deal
    /// card writes it, so one chat never shows the same amount two ways.
    /// </summary>
    public static string Amounts(IReadOnlyList<CurrencyAmount> amounts, Phrases? say = null) =>
        amounts.Count == 0 ? (say ?? Phrases.English).Pipeline("NoAmounts")
        : string.Join(" · ", amounts.Select(a => (say?.Language ?? ReplyLanguage.English).Money(a.Amount, a.Currency)));

    /// <summary>One deal's amount, "27,500 EUR" as the card and the lists write it, or "no amount".</summary>
    public static string Amount(decimal? amount, string? currency, Phrases say) =>
        amount is { } value ? Amounts([new CurrencyAmount(currency ?? string.Empty, value)], say) : say.Pipeline("Closed.NoAmount");

    public static string Percent(double? rate, Phrases? say = null) =>
        rate is { } r ? (say?.Language ?? ReplyLanguage.English).Digits((r * 100).ToString("0", CultureInfo.InvariantCulture)) + "%" : (say ?? Phrases.English).Pipeline("NotAvailable");

    public static string Days(double? days, Phrases? say = null)
    {
        say ??= Phrases.English;
        if (days is not { } d)
        {
            return say.Pipeline("NotAvailable");
        }

        var whole = Math.Round(d, d >= 10 ? 0 : 1);
        return whole == Math.Floor(whole)
            ? say.Count(Phrases.Area.Pipeline, "Days", (long)whole)
            : say.Pipeline("Days.Other", (decimal)whole);
    }

    public static string Deals(int count, Phrases? say = null) => (say ?? Phrases.English).Count(Phrases.Area.Pipeline, "Deals", count);

    /// <summary>
    /// A count of deals that says zero in words, "no deals" / «لا صفقات», for texts where the count stands alone ("Demo: no
    /// deals"). Not for <see cref="Deals"/>'s texts that wrap the count («لم تُربح إلا …», "… rests on …"), where the words
    /// would not read.
    /// </summary>
    public static string DealsOrNone(int count, Phrases? say = null) => (say ?? Phrases.English).Count(Phrases.Area.Pipeline, "DealsOrNone", count);

    /// <summary>
    /// The won deals a median cycle is measured over, "2 deals" / «صفقتين رابحتين»: the Arabic is the form read after «من»
    /// («28 يومًا (من صفقتين رابحتين)»), so the texts say where the median comes from instead of labelling a count.
    /// </summary>
    public static string CycleDeals(int count, Phrases say) => say.Count(Phrases.Area.Pipeline, "CycleDeals", count);

    /// <summary>
    /// "2 of 5 open" / «2 من 5 صفقات مفتوحة»; none stalled has its own text («لا شيء من 5 صفقات مفتوحة», not «0 من …»), and
    /// one open deal is named as the only one. No open deal at all: "no open deals".
    /// </summary>
    public static string StalledOfOpen(int open, int stalled, Phrases say) =>
        open > 0 && stalled == 0 ? say.Count(Phrases.Area.Pipeline, "Fact.Stalled.None", open)
        : say.Count(Phrases.Area.Pipeline, "Fact.Stalled.Value", open, stalled);

    /// <summary>"3 won" / «3 صفقات رابحة»: Arabic counts the noun, so the adjective never stands beside a bare digit.</summary>
    public static string WonCount(long count, Phrases say) => say.Count(Phrases.Area.Pipeline, "WinLoss.Won", count);

    /// <summary>"1 lost" / «صفقة خاسرة واحدة».</summary>
    public static string LostCount(long count, Phrases say) => say.Count(Phrases.Area.Pipeline, "WinLoss.Lost", count);

    public static string Window(int days, Phrases? say = null)
    {
        say ??= Phrases.English;
        return days switch
        {
            365 => say.Pipeline("Window.Year"),
            _ when days % 365 == 0 => say.Count(Phrases.Area.Pipeline, "Window.Years", days / 365),
            1 => say.Pipeline("Window.Day"),
            _ => say.Count(Phrases.Area.Pipeline, "Window.Days", days),
        };
    }

    public static string Signed(int change) =>
        change switch { > 0 => "+" + change.ToString(CultureInfo.InvariantCulture), < 0 => "−" + (-change).ToString(CultureInfo.InvariantCulture), _ => "±0" };

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Amounts per currency, short enough for a picture: "480k EUR · 1.2M USD", number first as every reply writes them.</summary>
    public static string CompactAmounts(IReadOnlyList<CurrencyAmount> amounts) =>
        string.Join(" · ", amounts.Select(a => a.Currency.Length > 0 ? $"{Compact(a.Amount)} {a.Currency}" : Compact(a.Amount)));

    public static string Compact(decimal amount) => Math.Abs(amount) switch
    {
        >= 1_000_000_000m => (amount / 1_000_000_000m).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000m => (amount / 1_000_000m).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 10_000m => (amount / 1_000m).ToString("0", CultureInfo.InvariantCulture) + "k",
        >= 1_000m => (amount / 1_000m).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => amount.ToString("0", CultureInfo.InvariantCulture),
    };

    /// <summary>A lost reason as a reply shows it: the map's translation, or "no reason given" in the reply's language.</summary>
    public static string LostReason(string reason, Phrases say, ProcessMaps.ProcessMap? map) =>
        reason == PipelineAnalytics.NoReasonGiven ? say.Pipeline("Outcome.NoReason") : MapWording.LostReason(reason, say, map);

    /// <summary>A count written plainly ("1200", no grouping, as the pipeline answers always wrote it), in the language's digits.</summary>
    public static string Plain(long value, Phrases say) => say.Language.Digits(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>"62% (5 of 8)": a measured rate with its sample, so a 100 % over one deal reads as what it is.</summary>
    public static string Rate(int part, int whole, Phrases? say = null) =>
        (say ?? Phrases.English).Pipeline("Rate", Percent((double)part / whole, say), part, whole);
}
