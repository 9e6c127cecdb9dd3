namespace SalesCoachBot.Core.Domain;

/// <summary>
/// How exactly a deal amount is kept: four decimals, enough for every ISO 4217 currency (KWD, BHD and OMR have three,
/// CLF and UYW four), and 16 integer digits. The amount columns and every way an amount comes in share it.
/// </summary>
public static class AmountPrecision
{
    /// <summary>Significant digits of an amount column.</summary>
    public const int Digits = 20;

    /// <summary>Decimals an amount column keeps.</summary>
    public const int Decimals = 4;

    /// <summary>
    /// An amount as the columns keep it (a CRM's, taken as it is): PostgreSQL would round more decimals away on its own,
    /// and the stored amount would then differ from the CRM's at every sync.
    /// </summary>
    public static decimal? Stored(decimal? amount) =>
        amount is { } value ? decimal.Round(value, Decimals, MidpointRounding.AwayFromZero) : null;
}
