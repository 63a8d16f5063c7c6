using System.Reflection;

namespace Sluice.Sql.Functions;

/// <summary>
/// One SQL signature of a user-defined function: an <c>Eval</c> method of a scalar or table function, or an
/// <c>Accumulate</c> method of an aggregate function (with its matching <c>Retract</c>). An <c>Eval</c> whose last
/// parameter is a C# <c>params T[]</c> array is variadic, as Flink's varargs: it takes any number (also none) of trailing
/// arguments of <c>T</c>'s SQL type, handed to the method as one array. Immutable.
/// </summary>
public sealed class FunctionOverload
{
    internal FunctionOverload(MethodInfo method, IReadOnlyList<ClrTypeMapping> parameters, ClrTypeMapping? result, MethodInfo? retract,
        bool isVariadic = false)
    {
        Method = method;
        Parameters = parameters;
        Result = result;
        Retract = retract;
        IsVariadic = isVariadic;
    }

    /// <summary>The method called per row.</summary>
    public MethodInfo Method { get; }

    /// <summary>
    /// The SQL parameters (for an aggregate, those after the accumulator); for a variadic overload the last one is the
    /// element of the <c>params</c> array, which repeats.
    /// </summary>
    public IReadOnlyList<ClrTypeMapping> Parameters { get; }

    /// <summary>True when the last parameter is a <c>params</c> array that takes any number of trailing arguments.</summary>
    public bool IsVariadic { get; }

    /// <summary>The return value of a scalar function's <c>Eval</c>; null for table and aggregate functions.</summary>
    public ClrTypeMapping? Result { get; }

    /// <summary>For an aggregate: the <c>Retract</c> method with the same parameters, or null.</summary>
    public MethodInfo? Retract { get; }

    /// <summary>
    /// For a table function: true when <c>Eval</c> returns its rows (an <see cref="IEnumerable{T}"/>), false when it
    /// calls <c>Collect</c>.
    /// </summary>
    public bool ReturnsRows => Method.ReturnType != typeof(void) && Result is null;

    /// <summary>The number of parameters before the <c>params</c> array (all of them for an overload that is not variadic).</summary>
    public int FixedCount => IsVariadic ? Parameters.Count - 1 : Parameters.Count;

    /// <summary>True when a call with <paramref name="argumentCount"/> arguments fits the number of parameters.</summary>
    public bool Accepts(int argumentCount) => IsVariadic ? argumentCount >= FixedCount : argumentCount == Parameters.Count;

    /// <summary>The parameter that argument <paramref name="argument"/> is passed to (the array's element for trailing arguments).</summary>
    public ClrTypeMapping ParameterAt(int argument) => Parameters[IsVariadic ? Math.Min(argument, Parameters.Count - 1) : argument];

    /// <summary>The signature as SQL: <c>name(STRING, INT)</c>, with <c>...</c> after a repeating last parameter.</summary>
    public string Format(string name) =>
        $"{name}({string.Join(", ", Parameters.Select(p => p.SqlType.Nullable().ToString()))}{(IsVariadic ? "..." : string.Empty)})";

    /// <inheritdoc />
    public override string ToString() => Format(Method.Name);
}
