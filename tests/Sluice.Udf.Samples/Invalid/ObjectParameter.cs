using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples.Invalid;

/// <summary>A scalar function with a parameter type that has no SQL type.</summary>
public sealed class ObjectParameter : ScalarFunction
{
    /// <summary>Takes anything.</summary>
    public int Eval(object value) => value.GetHashCode();
}
