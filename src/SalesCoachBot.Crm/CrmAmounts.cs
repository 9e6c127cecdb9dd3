using System.Globalization;

namespace SalesCoachBot.Crm;

/// <summary>
/// A CRM's amount as the connectors read it. A number too large for a <see cref="decimal"/> (over about 7.9 × 10^28)
/// reads as the largest decimal of its sign rather than as no amount: no amount would clear the deal's stored one,
/// while too large an amount is left out of the deal by the sync, which keeps what it holds (AmountPrecision.Fits).
/// </summary>
internal static class CrmAmounts
{
    private const NumberStyles Styles = NumberStyles.Number | NumberStyles.AllowExponent;

    /// <summary>"42000", "1,234.5", "1.5E+17" (HubSpot's text); null when empty or not a number.</summary>
    public static decimal? Parse(string? text) =>
        decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out var amount) ? amount
        : double.TryParse(text, Styles, CultureInfo.InvariantCulture, out var huge) ? Beyond(huge)
        : null;

    /// <summary>A number that did not fit a decimal (an infinity too), as the largest one of its sign; null for NaN.</summary>
    public static decimal? Beyond(double value) =>
        double.IsNaN(value) ? null : value < 0 ? decimal.MinValue : decimal.MaxValue;
}
