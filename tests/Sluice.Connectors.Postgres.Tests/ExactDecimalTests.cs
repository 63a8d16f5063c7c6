using Sluice.Connectors.Postgres.Types;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>PostgreSQL's numeric text parsed exactly into DECIMAL(p, s), beyond System.Decimal's 28 digits, without a server.</summary>
public sealed class ExactDecimalTests
{
    [Theory]
    [InlineData("12.345", 5, 2, "12.35")]
    [InlineData("-12.345", 5, 2, "-12.35")]
    [InlineData("0.004", 5, 2, "0.00")]
    [InlineData("0.005", 5, 2, "0.01")]
    [InlineData("999.994", 5, 2, "999.99")]
    [InlineData("7", 5, 2, "7.00")]
    [InlineData("1.5e2", 5, 2, "150.00")]
    [InlineData("0", 1, 0, "0")]
    public void ValuesThatADecimalHolds_AreDecimals(string text, int precision, int scale, string expected)
    {
        var value = ExactDecimal.Parse(text, DataTypes.Decimal(precision, scale));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<decimal>(value));
    }

    [Theory]
    [InlineData("123456789012345678901234567890.12345678", 38, 8, "12345678901234567890123456789012345678")]
    [InlineData("-99999999999999999999999999999999999999", 38, 0, "-99999999999999999999999999999999999999")]
    [InlineData("0.123456789012345678901234567890123456789", 38, 30, "123456789012345678901234567890")]
    public void ValuesBeyondADecimal_KeepEveryDigit(string text, int precision, int scale, string unscaled)
    {
        var value = ExactDecimal.Parse(text, DataTypes.Decimal(precision, scale));

        Assert.Equal(Int128.Parse(unscaled, System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<UnscaledDecimal>(value).Unscaled);
    }

    [Theory]
    [InlineData("1000.00", 5, 2)]
    [InlineData("999.995", 5, 2)]
    [InlineData("123456789012345678901234567890123456789", 38, 0)]
    public void ValuesBeyondThePrecision_AreRefused(string text, int precision, int scale)
    {
        var error = Assert.Throws<OverflowException>(() => ExactDecimal.Parse(text, DataTypes.Decimal(precision, scale)));

        Assert.Contains($"DECIMAL({precision}, {scale})", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1.2.3")]
    [InlineData("")]
    public void NonNumbers_AreRefused(string text)
    {
        Assert.Throws<FormatException>(() => ExactDecimal.Parse(text, DataTypes.Decimal(10, 2)));
    }
}
