using System.Collections.Frozen;
using System.Globalization;

namespace SalesCoachBot.Core.Localization;

/// <summary>
/// The ISO 4217 codes .NET's cultures use, each with the decimals its cultures write it with. One walk over every
/// specific culture (hundreds of them, each with a <see cref="RegionInfo"/>), made the first time it is asked for and
/// shared by <see cref="CurrencyDigits"/> and the currency words the amount parser reads (MoneyText), which walked them
/// once each.
/// </summary>
internal static class CultureCurrencies
{
    private static readonly Lazy<FrozenDictionary<string, int>> Table = new(Read);

    /// <summary>Code (upper case) to the decimals its cultures give it; codes no culture uses are absent.</summary>
    public static FrozenDictionary<string, int> Digits => Table.Value;

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

        return digits.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
