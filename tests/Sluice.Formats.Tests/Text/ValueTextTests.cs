using System.Text;
using Sluice.Formats.Text;

namespace Sluice.Formats.Tests.Text;

public class ValueTextTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(12345678.9, "1.23456789E7")]
    [InlineData(1e300, "1.0E300")]
    [InlineData(double.Epsilon, "4.9E-324")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(100.0, "100.0")]
    public void AppendDouble_AnyValue_WritesAsJavaDoes(double value, string expected)
    {
        var builder = new StringBuilder();
        ValueText.AppendDouble(builder, value);

        Assert.Equal(expected, builder.ToString());
    }

    [Theory]
    [InlineData(1.5f, "1.5")]
    [InlineData(0.1f, "0.1")]
    [InlineData(float.MaxValue, "3.4028235E38")]
    [InlineData(float.Epsilon, "1.4E-45")]
    [InlineData(-3.25e-5f, "-3.25E-5")]
    public void AppendFloat_AnyValue_WritesAsJavaDoes(float value, string expected)
    {
        var builder = new StringBuilder();
        ValueText.AppendFloat(builder, value);

        Assert.Equal(expected, builder.ToString());
    }

    [Theory]
    [InlineData(12345, 2, "123.45")]
    [InlineData(-5, 3, "-0.005")]
    [InlineData(0, 2, "0.00")]
    [InlineData(7, 0, "7")]
    [InlineData(-1230, 2, "-12.30")]
    public void AppendDecimal_UnscaledAndScale_WritesPlainNotation(long unscaled, int scale, string expected)
    {
        var builder = new StringBuilder();
        ValueText.AppendDecimal(builder, unscaled, scale);

        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void AppendDecimal_ThirtyEightDigits_WritesEveryDigit()
    {
        var builder = new StringBuilder();
        ValueText.AppendDecimal(builder, -(Sluice.Core.Types.Decimals.Pow10(38) - 1), 10);

        Assert.Equal("-" + new string('9', 28) + "." + new string('9', 10), builder.ToString());
    }

    [Theory]
    [InlineData(0L, ValueText.MinimalFraction, ' ', "1970-01-01 00:00:00")]
    [InlineData(1_500_000L, ValueText.MinimalFraction, ' ', "1970-01-01 00:00:01.5")]
    [InlineData(1_500_000L, 3, 'T', "1970-01-01T00:00:01.500")]
    [InlineData(-1L, 6, ' ', "1969-12-31 23:59:59.999999")]
    [InlineData(1_704_164_645_678_000L, 9, ' ', "2024-01-02 03:04:05.678000000")]
    public void AppendTimestamp_Micros_WritesSqlNotation(long micros, int digits, char separator, string expected)
    {
        var builder = new StringBuilder();
        ValueText.AppendTimestamp(builder, micros, digits, separator);

        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void AppendIntervals_WriteAsSqlPrintsThem()
    {
        var builder = new StringBuilder();
        ValueText.AppendIntervalYearMonth(builder, 14);
        builder.Append(' ');
        ValueText.AppendIntervalYearMonth(builder, -6);
        builder.Append(' ');
        ValueText.AppendIntervalDayTime(builder, -((86_400L + 3_723) * 1_000_000 + 500_000), 3);

        Assert.Equal("+1-02 -0-06 -1 01:02:03.500", builder.ToString());
    }

    [Theory]
    [InlineData(1_234_567L, 3, 1_234_000L)]
    [InlineData(-1L, 0, -1_000_000L)]
    [InlineData(42L, 6, 42L)]
    public void TruncateMicros_ToPrecision_RoundsDown(long micros, int precision, long expected)
    {
        Assert.Equal(expected, ValueText.TruncateMicros(micros, precision));
    }
}
