using SalesCoachBot.Core.Localization;
using SalesCoachBot.Core.Pipeline;

namespace SalesCoachBot.Core.Tests.Localization;

/// <summary><see cref="CurrencyDigits"/> and the parser's currency words read one table of the cultures' currencies.</summary>
public sealed class CurrencyTableTests
{
    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    [InlineData("kwd", 3)]
    [InlineData("IQD", 3)]    // ISO's count over the cultures' 0
    [InlineData("CLF", 4)]    // no culture uses it
    [InlineData("EUR", 2)]
    [InlineData("XYZ", 2)]
    [InlineData("EURO", 2)]
    [InlineData(null, 2)]
    public void CurrencyDigits_Of_IsoMinorUnits(string? currency, int digits)
    {
        Assert.Equal(digits, CurrencyDigits.Of(currency));
    }

    [Fact]
    public void CultureCurrencies_ReadOnce_EveryCodeACurrencyWord()
    {
        Assert.Same(CultureCurrencies.Digits, CultureCurrencies.Digits);
        Assert.True(CultureCurrencies.Digits.Count > 100);
        Assert.All(CultureCurrencies.Digits.Where(c => c.Key != "IQD"), c => Assert.Equal(c.Value, CurrencyDigits.Of(c.Key)));
        Assert.All(CultureCurrencies.Digits.Keys, code => Assert.True(MoneyText.IsCurrencyWord(code), code));
        Assert.False(MoneyText.IsCurrencyWord("CLF"));   // ISO's own additions are not words people type, as before
    }
}
