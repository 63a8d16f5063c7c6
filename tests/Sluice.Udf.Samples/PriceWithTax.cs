using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>A price plus tax, as <c>DECIMAL(10, 2)</c> (declared with <see cref="SqlTypeAttribute"/>).</summary>
public sealed class PriceWithTax : ScalarFunction
{
    /// <summary>The price times (1 + rate), rounded to cents.</summary>
    [return: SqlType("DECIMAL(10, 2)")]
    public decimal Eval([SqlType("DECIMAL(10, 2)")] decimal price, double rate) => Math.Round(price * (1 + (decimal)rate), 2);
}
