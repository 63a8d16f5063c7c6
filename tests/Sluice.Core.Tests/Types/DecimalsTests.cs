using System.Globalization;
using Sluice.Core.Types;
using Xunit;

namespace Sluice.Core.Tests.Types;

public class DecimalsTests
{
    [Theory]
    [InlineData("1.5", 10, 2, "150")]
    [InlineData("1.005", 10, 2, "101")]
    [InlineData("-1.005", 10, 2, "-101")]
    [InlineData("1.004", 10, 2, "100")]
    [InlineData("0", 1, 0, "0")]
    [InlineData("99999999.99", 10, 2, "9999999999")]
    public void TryToUnscaled_FittingValue_RoundsHalfUp(string value, int precision, int scale, string expected)
    {
        var parsed = decimal.Parse(value, CultureInfo.InvariantCulture);
        Assert.True(Decimals.TryToUnscaled(parsed, precision, scale, out var unscaled));
        Assert.Equal(Int128.Parse(expected, CultureInfo.InvariantCulture), unscaled);
    }

    [Fact]
    public void TryToUnscaled_TooManyDigits_ReturnsFalse()
    {
        Assert.False(Decimals.TryToUnscaled(100_000_000m, 10, 2, out _));
        Assert.False(Decimals.TryToUnscaled(decimal.MaxValue, 38, 30, out _));
    }

    [Fact]
    public void ToDecimal_LargeScale_RoundTrips()
    {
        var type = DataTypes.Decimal(38, 10);
        var value = 1234567890123456789.0123456789m;
        Assert.Equal(value, Decimals.ToDecimal(Decimals.ToUnscaled(value, type), type.Scale));
    }

    [Fact]
    public void ToDecimal_ScaleAbove28_RoundsAwayDigits()
    {
        var unscaled = Int128.Parse("123456789012345678901234567890123456", CultureInfo.InvariantCulture);
        Assert.Equal(0.1234567890123456789012345679m, Decimals.ToDecimal(unscaled, 36));
    }

    [Fact]
    public void ToDecimal_IntegralPartTooLarge_Throws() =>
        Assert.Throws<OverflowException>(() => Decimals.ToDecimal(Decimals.Pow10(37), 0));
}
