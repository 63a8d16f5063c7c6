using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples.Invalid;

/// <summary>A scalar function whose Eval returns nothing.</summary>
public sealed class VoidEval : ScalarFunction
{
    /// <summary>Returns nothing.</summary>
    public void Eval(int x)
    {
    }
}
