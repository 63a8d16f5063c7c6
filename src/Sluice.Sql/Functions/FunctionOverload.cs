using System.Reflection;

namespace Sluice.Sql.Functions;

/// <summary>
/// One SQL signature of a user-defined function: an <c>Eval</c> method of a scalar or table function, or an
/// <c>Accumulate</c> method of an aggregate function (with its matching <c>Retract</c>). Immutable.
/// </summary>
public sealed class FunctionOverload
{
    internal FunctionOverload(MethodInfo method, IReadOnlyList<ClrTypeMapping> parameters, ClrTypeMapping? result, MethodInfo? retract)
    {
        Method = method;
        Parameters = parameters;
        Result = result;
        Retract = retract;
    }

    /// <summary>The method called per row.</summary>
    public MethodInfo Method { get; }

    /// <summary>The SQL parameters (for an aggregate, those after the accumulator).</summary>
    public IReadOnlyList<ClrTypeMapping> Parameters { get; }

    /// <summary>The return value of a scalar function's <c>Eval</c>; null for table and aggregate functions.</summary>
    public ClrTypeMapping? Result { get; }

    /// <summary>For an aggregate: the <c>Retract</c> method with the same parameters, or null.</summary>
    public MethodInfo? Retract { get; }

    /// <summary>
    /// For a table function: true when <c>Eval</c> returns its rows (an <see cref="IEnumerable{T}"/>), false when it
    /// calls <c>Collect</c>.
    /// </summary>
    public bool ReturnsRows => Method.ReturnType != typeof(void) && Result is null;

    /// <summary>The signature as SQL: <c>name(STRING, INT)</c>.</summary>
    public string Format(string name) => $"{name}({string.Join(", ", Parameters.Select(p => p.SqlType.Nullable().ToString()))})";

    /// <inheritdoc />
    public override string ToString() => Format(Method.Name);
}
