using System.Collections.Frozen;
using System.Globalization;

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

    private static readonly FrozenDictionary<string, int> Digits = Read();

    public static int Of(string? currency) =>
        currency is { Length: 3 } && Digits.TryGetValue(currency.ToUpperInvariant(), out var digits) ? digits : Default;

    private static FrozenDictionary<string, int> Read()
    {
        var digits = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            if (culture.Name.Length == 0)
            {
                continue;
            }

            // The region's own language first would be ideal; ICU gives every culture of a region the same count anyway.
            var code = new RegionInfo(culture.Name).ISOCurrencySymbol;
            if (code is { Length: 3 } && code.All(char.IsAsciiLetterUpper))
            {
                digits.TryAdd(code, culture.NumberFormat.CurrencyDecimalDigits);
            }
        }

        digits["IQD"] = 3;
        digits["CLF"] = 4;
        digits["UYW"] = 4;
        return digits.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
