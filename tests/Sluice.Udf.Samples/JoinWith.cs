using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>
/// A variadic function (Flink's varargs through C# <c>params</c>): <c>join_with('-', 'a', NULL, 'b')</c> is
/// <c>a-b</c>; any number of parts, NULL parts skipped.
/// </summary>
public sealed class JoinWith : ScalarFunction
{
    /// <summary>Joins the non-null parts with the separator; NULL for a NULL separator.</summary>
    public string Eval(string separator, params string?[] parts) => string.Join(separator, parts.Where(p => p is not null));

    /// <summary>
    /// Numbers: their sum as text, <c>join_with(1, 2, 3)</c> is <c>6</c>; the parts are not nullable, so a NULL number
    /// makes the result NULL without a call.
    /// </summary>
    public string Eval(params long[] numbers) => numbers.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
