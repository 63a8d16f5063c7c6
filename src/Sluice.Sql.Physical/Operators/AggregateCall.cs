using Sluice.Core.Types;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// One aggregate call of an aggregation operator (group, window, session window or over aggregation): the function,
/// its argument columns, <c>DISTINCT</c>, the <c>FILTER (WHERE ...)</c> column, the result type and the output name.
/// </summary>
/// <param name="Kind">The function.</param>
/// <param name="Arguments">
/// The input columns the function reads: none for <see cref="AggregateKind.CountStar"/>; one or more for
/// <see cref="AggregateKind.Count"/> (a row counts when none is null); the value and, optionally, the separator for
/// <see cref="AggregateKind.ListAgg"/>; the key and the value's JSON text for <see cref="AggregateKind.JsonObjectAgg"/>; the
/// value, the percentage and optionally the frequency for <see cref="AggregateKind.Percentile"/>; exactly one otherwise.
/// </param>
/// <param name="IsDistinct">
/// True for <c>DISTINCT</c>: the function sees each distinct (non-null) argument value once; a value leaves when its
/// last occurrence is retracted (a value → count multiset per call, kept in the accumulator).
/// </param>
/// <param name="FilterColumn">
/// The <c>BOOLEAN</c> input column of <c>FILTER (WHERE ...)</c>, or -1: rows where it is not TRUE (false or null) are
/// skipped by this call (they still count as rows of their group).
/// </param>
/// <param name="ResultType">
/// The result type chosen by the planner with Flink's rules: BIGINT for counts; for SUM the argument's type (DECIMAL(38, s)
/// for DECIMAL(p, s)); for AVG the argument's type (DECIMAL(38, max(s, 6)) for DECIMAL); for MIN, MAX, FIRST_VALUE and
/// LAST_VALUE the argument's type (same storage and scale); STRING for LISTAGG; a numeric type (usually DOUBLE) for
/// the variances and standard deviations. Every result but COUNT and SUM0 is made nullable.
/// </param>
/// <param name="Name">The output column name.</param>
public sealed record AggregateCall(AggregateKind Kind, IReadOnlyList<int> Arguments, bool IsDistinct, int FilterColumn, DataType ResultType, string Name)
{
    /// <summary>A call of one argument (or none: pass -1), without DISTINCT and FILTER.</summary>
    /// <param name="kind">The function.</param>
    /// <param name="argument">The argument column, or -1 for none.</param>
    /// <param name="resultType">The result type.</param>
    /// <param name="name">The output column name.</param>
    public AggregateCall(AggregateKind kind, int argument, DataType resultType, string name)
        : this(kind, argument < 0 ? [] : [argument], false, -1, resultType, name)
    {
    }

    /// <summary>The C# aggregate function of a <see cref="AggregateKind.UserDefined"/> call; null otherwise.</summary>
    public Sluice.Sql.Functions.UserDefinedFunctionDescriptor? UserDefined { get; init; }

    /// <summary>
    /// For <see cref="AggregateKind.ArrayAgg"/>, <see cref="AggregateKind.JsonObjectAgg"/> and
    /// <see cref="AggregateKind.JsonArrayAgg"/>: NULL values are left out (IGNORE NULLS, ABSENT ON NULL) instead of kept.
    /// The other kinds always leave them out.
    /// </summary>
    public bool IgnoreNulls { get; init; }

    /// <summary>The call's first argument column, or -1 when it has none.</summary>
    public int Argument => Arguments.Count > 0 ? Arguments[0] : -1;

    /// <summary>The type of the output column: <see cref="ResultType"/>, nullable unless the call is a COUNT or SUM0.</summary>
    public DataType OutputType => Kind is AggregateKind.CountStar or AggregateKind.Count or AggregateKind.Sum0 or AggregateKind.Collect
        or AggregateKind.JsonObjectAgg or AggregateKind.JsonArrayAgg ? ResultType : ResultType.Nullable();

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind}({(IsDistinct ? "DISTINCT " : string.Empty)}{string.Join(", ", Arguments.Select(a => "$" + a))}{(IgnoreNulls ? " IGNORE NULLS" : string.Empty)})"
        + (FilterColumn >= 0 ? $" FILTER (WHERE ${FilterColumn})" : string.Empty) + $" AS {Name}: {ResultType}";
}
