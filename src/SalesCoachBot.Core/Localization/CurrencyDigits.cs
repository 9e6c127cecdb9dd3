using System.Collections.Frozen;

namespace SalesCoachBot.Core.Localization;

/// <summary>
/// How many decimals an amount in a currency has (ISO 4217 minor units, as .NET's cultures carry them): none for the
/// yen, three for the Kuwaiti, Bahraini and Omani dinars, two for most others and for a code no culture uses. ISO's count
/// wins where the cultures have none or fewer: the Iraqi dinar (ICU follows CLDR's cash practice, 0) and the Chilean and
/// Uruguayan units of account CLF and UYW (no culture uses them).
/// </summary>
public static class CurrencyDigits
{
    public const int Default = 2;

    /// <summary>ISO 4217's count where the cultures have none or fewer (see above).</summary>
    private static readonly FrozenDictionary<string, int> Iso = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["IQD"] = 3,
        ["CLF"] = 4,
        ["UYW"] = 4,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static int Of(string? currency)
    {
        if (currency is not { Length: 3 })
        {
            return Default;
        }

        var code = currency.ToUpperInvariant();
        return Iso.TryGetValue(code, out var digits) || CultureCurrencies.Digits.TryGetValue(code, out digits) ? digits : Default;
    }
}
