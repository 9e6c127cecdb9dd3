using SalesCoachBot.Core.Localization;

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
    /// The columns hold amounts below this in size, |amount| &lt; 10^16 (<see cref="Digits"/> − <see cref="Decimals"/>
    /// integer digits): PostgreSQL refuses a larger one and with it the whole transaction. A CRM amount at or beyond it is
    /// not stored (<see cref="Fits"/>); typed and imported amounts stop far below it (<see cref="TypedLimit"/>).
    /// </summary>
    public const decimal Limit = 10_000_000_000_000_000m;

    /// <summary>The largest amount a person types in chat or imports from CSV, 10^12: a larger one is a typo, not a deal.</summary>
    public const decimal TypedLimit = 1_000_000_000_000m;

    /// <summary>Never fewer decimals than the two every amount kept before three-decimal currencies were.</summary>
    private const int AtLeast = 2;

    /// <summary>
    /// An amount typed or imported in <paramref name="currency"/>, rounded half away from zero to the currency's minor
    /// units but to no fewer than two decimals: 1,234.567 KWD stays, 12.345 EUR becomes 12.35 as it always did.
    /// </summary>
    public static decimal Round(decimal amount, string? currency) =>
        decimal.Round(amount, Math.Clamp(CurrencyDigits.Of(currency), AtLeast, Decimals), MidpointRounding.AwayFromZero);

    /// <summary>
    /// An amount as the columns keep it (a CRM's, taken as it is): PostgreSQL would round more decimals away on its own,
    /// and the stored amount would then differ from the CRM's at every sync.
    /// </summary>
    public static decimal? Stored(decimal? amount) =>
        amount is { } value ? decimal.Round(value, Decimals, MidpointRounding.AwayFromZero) : null;

    /// <summary>
    /// Whether an amount, kept to four decimals, fits the columns (|amount| &lt; <see cref="Limit"/>); a negative one
    /// fits as its size does. 9,999,999,999,999,999.99995 does not: it is kept as 10^16.
    /// </summary>
    public static bool Fits(decimal amount) => Math.Abs(decimal.Round(amount, Decimals, MidpointRounding.AwayFromZero)) < Limit;
}
