using SalesCoachBot.Core.Domain;

namespace SalesCoachBot.Core.Tests.Domain;

public sealed class AmountPrecisionTests
{
    [Theory]
    [InlineData(1234.567, "KWD", 1234.567)]    // Kuwait, Bahrain, Oman…: three decimals
    [InlineData(1500.125, "IQD", 1500.125)]
    [InlineData(12.34565, "CLF", 12.3457)]     // four, the most any currency has
    [InlineData(12.345, "EUR", 12.35)]         // two, half away from zero as before
    [InlineData(12.345, null, 12.35)]
    [InlineData(1234.56, "JPY", 1234.56)]      // never fewer than the two kept before
    public void Round_KeepsTheCurrencysDecimalsAndAtLeastTwo(double amount, string? currency, double expected)
    {
        Assert.Equal((decimal)expected, AmountPrecision.Round((decimal)amount, currency));
    }

    [Fact]
    public void Stored_RoundsToTheColumnsFourDecimals()
    {
        Assert.Equal(1234.5679m, AmountPrecision.Stored(1234.56789m));
        Assert.Null(AmountPrecision.Stored(null));
    }

    [Theory]
    [InlineData("9999999999999999.9999", true)]     // 16 integer digits: the column's largest
    [InlineData("-9999999999999999.9999", true)]    // a negative amount fits as its size does
    [InlineData("0", true)]
    [InlineData("10000000000000000", false)]        // 10^16
    [InlineData("-100000000000000000", false)]      // -10^17
    [InlineData("9999999999999999.99995", false)]   // kept to four decimals it is 10^16
    [InlineData("99999999999999999999", false)]
    [InlineData("79228162514264337593543950335", false)]
    public void Fits_BelowTenToTheSixteenth(string amount, bool fits)
    {
        Assert.Equal(fits, AmountPrecision.Fits(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
