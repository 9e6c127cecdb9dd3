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
}
