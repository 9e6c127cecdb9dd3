using System.Globalization;

namespace SalesCoachBot.Core.Pipeline;

/// <summary>How the pipeline answers write numbers: invariant, short, never adding up currencies.</summary>
internal static class PipelineFormat
{
    public static string Amounts(IReadOnlyList<CurrencyAmount> amounts) =>
        amounts.Count == 0 ? "no amounts" : string.Join(" · ", amounts.Select(a => MoneyText.Format(a.Amount, a.Currency)));

    public static string Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Days(double? days)
    {
        if (days is not { } d)
        {
            return "n/a";
        }

        var text = d.ToString(d >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture);
        return text == "1" ? "1 day" : $"{text} days";
    }

    public static string Deals(int count) => count == 1 ? "1 deal" : $"{count.ToString(CultureInfo.InvariantCulture)} deals";

    public static string Window(int days) => days switch
    {
        365 => "the last 12 months",
        _ when days % 365 == 0 => $"the last {days / 365} years",
        1 => "the last day",
        _ => $"the last {days.ToString(CultureInfo.InvariantCulture)} days",
    };

    public static string Signed(int change) =>
        change switch { > 0 => "+" + change.ToString(CultureInfo.InvariantCulture), < 0 => "−" + (-change).ToString(CultureInfo.InvariantCulture), _ => "±0" };

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Amounts per currency, short enough for a picture: "EUR 480k · USD 1.2M".</summary>
    public static string CompactAmounts(IReadOnlyList<CurrencyAmount> amounts) =>
        string.Join(" · ", amounts.Select(a => a.Currency.Length > 0 ? $"{a.Currency} {Compact(a.Amount)}" : Compact(a.Amount)));

    public static string Compact(decimal amount) => Math.Abs(amount) switch
    {
        >= 1_000_000_000m => (amount / 1_000_000_000m).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000m => (amount / 1_000_000m).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 10_000m => (amount / 1_000m).ToString("0", CultureInfo.InvariantCulture) + "k",
        >= 1_000m => (amount / 1_000m).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => amount.ToString("0", CultureInfo.InvariantCulture),
    };

    /// <summary>"62% (5 of 8)": a measured rate with its sample, so a 100 % over one deal reads as what it is.</summary>
    public static string Rate(int part, int whole) =>
        $"{Percent((double)part / whole)} ({part.ToString(CultureInfo.InvariantCulture)} of {whole.ToString(CultureInfo.InvariantCulture)})";
}
