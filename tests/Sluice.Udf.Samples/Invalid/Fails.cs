using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples.Invalid;

/// <summary>A scalar function that throws.</summary>
public sealed class Fails : ScalarFunction
{
    /// <summary>Throws for negative values.</summary>
    public int Eval(int x) => x >= 0 ? x : throw new InvalidOperationException($"negative: {x}");
}
