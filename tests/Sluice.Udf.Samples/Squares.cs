using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>A table function of single values and a declared row type: <c>n</c> rows <c>(i, i * i)</c>.</summary>
[FunctionHint(Output = "ROW<i INT, square BIGINT>")]
public sealed class Squares : TableFunction<(int, long)>
{
    /// <summary>Rows for 1..n.</summary>
    public IEnumerable<(int, long)> Eval(int n)
    {
        for (var i = 1; i <= n; i++)
        {
            yield return (i, (long)i * i);
        }
    }
}
