using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>Masks all but the last characters of a value: <c>mask('4111111111111111')</c> is <c>************1111</c>.</summary>
public sealed class Mask : ScalarFunction
{
    /// <summary>Keeps the last four characters.</summary>
    public string Eval(string value) => Eval(value, 4);

    /// <summary>Keeps the last <paramref name="keep"/> characters.</summary>
    public string Eval(string value, int keep)
    {
        var shown = Math.Clamp(keep, 0, value.Length);
        return new string('*', value.Length - shown) + value[^shown..];
    }

    /// <summary>A number masks its digits: <c>mask(12345)</c> is <c>#####</c> (BIGINT: INT arguments are widened).</summary>
    public string Eval(long number) => new('#', number.ToString(System.Globalization.CultureInfo.InvariantCulture).TrimStart('-').Length);
}
