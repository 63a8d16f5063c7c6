using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples.Invalid;

/// <summary>An abstract function.</summary>
public abstract class AbstractFunction : ScalarFunction
{
    /// <summary>An Eval.</summary>
    public int Eval(int x) => x;
}
