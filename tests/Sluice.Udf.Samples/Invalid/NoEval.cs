using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples.Invalid;

/// <summary>A scalar function without Eval.</summary>
public sealed class NoEval : ScalarFunction
{
    /// <summary>Not an Eval.</summary>
    public int Evaluate(int x) => x;
}
