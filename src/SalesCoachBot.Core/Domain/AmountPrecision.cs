namespace SalesCoachBot.Core.Domain;

/// <summary>
/// How exactly a deal amount is kept: four decimals, enough for every ISO 4217 currency (KWD, BHD and OMR have three,
/// CLF and UYW four), and 16 integer digits. The amount columns share it.
/// </summary>
public static class AmountPrecision
{
    /// <summary>Significant digits of an amount column.</summary>
    public const int Digits = 20;

    /// <summary>Decimals an amount column keeps.</summary>
    public const int Decimals = 4;
}
