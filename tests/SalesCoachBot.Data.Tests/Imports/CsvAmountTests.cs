using SalesCoachBot.Data.Imports;

namespace SalesCoachBot.Data.Tests.Imports;

/// <summary>A deal's amount cell: refused with a reason that names what is wrong, the maximum when it is the size.</summary>
public sealed class CsvAmountTests
{
    [Theory]
    [InlineData("100000000000000000")]                 // 10^17, past the amount column's 16 integer digits
    [InlineData("99999999999999999999")]               // what a CRM field of 20 nines holds
    [InlineData("1000000000000000000000000000000")]    // more than a decimal holds: was "not a number"
    public void TryAmount_BeyondTheMaximum_RefusedNamingIt(string value)
    {
        Assert.False(CsvValues.TryAmount(value, "USD", out _, out var error));

        Assert.Equal($"amount '{value}' is absurdly large (over 1,000,000,000,000)", error);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("-1000000000000000000000000000000")]
    public void TryAmount_Negative_RefusedAsNegativeWhateverItsSize(string value)
    {
        Assert.False(CsvValues.TryAmount(value, "USD", out _, out var error));

        Assert.Equal($"amount '{value}' is negative", error);
    }

    [Theory]
    [InlineData("1000000000000", "USD", 1_000_000_000_000)]   // the maximum itself
    [InlineData("1234.567", "KWD", 1234.567)]
    [InlineData("-0", "EUR", 0)]
    public void TryAmount_UpToTheMaximum_Taken(string value, string currency, double expected)
    {
        Assert.True(CsvValues.TryAmount(value, currency, out var amount, out var error));

        Assert.Null(error);
        Assert.Equal((decimal)expected, amount);
    }
}
