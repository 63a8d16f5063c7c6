namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The aggregate functions of Flink SQL that the aggregation operators compute (<see cref="GroupAggregateOperator"/>,
/// <see cref="Windows.WindowAggregateOperator"/>, <see cref="Windows.SessionWindowAggregateOperator"/>,
/// <see cref="Over.OverAggregateOperator"/>). Every kind is retractable and mergeable. Every kind but
/// <see cref="CountStar"/>, <see cref="ArrayAgg"/>, <see cref="JsonObjectAgg"/> and <see cref="JsonArrayAgg"/> skips null arguments, and every kind may be <c>DISTINCT</c> and have a <c>FILTER</c>
/// (see <see cref="AggregateCall"/>). The values are persisted in plans: only append.
/// </summary>
public enum AggregateKind
{
    /// <summary><c>COUNT(*)</c>: the number of rows; never null.</summary>
    CountStar,

    /// <summary><c>COUNT(x [, y ...])</c>: the number of rows where no argument is null; never null.</summary>
    Count,

    /// <summary><c>SUM(n)</c>: the sum, exact for exact numerics; null when there is no non-null value.</summary>
    Sum,

    /// <summary><c>MIN(x)</c> over any orderable type (numerics, strings, binaries, booleans, temporals); null when empty.</summary>
    Min,

    /// <summary><c>MAX(x)</c> over any orderable type; null when empty.</summary>
    Max,

    /// <summary>
    /// <c>AVG(n)</c>: the sum divided by the count in the result type (integer results truncate toward zero, DECIMAL
    /// results round half up, as in Flink); null when there is no non-null value.
    /// </summary>
    Avg,

    /// <summary>Calcite's <c>$SUM0</c>: <see cref="Sum"/>, but 0 instead of null when there is no value.</summary>
    Sum0,

    /// <summary><c>FIRST_VALUE(x)</c>: the first non-null value in arrival order; null when empty.</summary>
    FirstValue,

    /// <summary><c>LAST_VALUE(x)</c>: the last non-null value in arrival order; null when empty.</summary>
    LastValue,

    /// <summary>
    /// <c>LISTAGG(s [, separator])</c>: the non-null strings in arrival order joined by the separator (the second
    /// argument column's value on the latest accumulated row, default <c>','</c>); null when empty.
    /// </summary>
    ListAgg,

    /// <summary><c>STDDEV_POP(n)</c>: the square root of <see cref="VarPop"/>.</summary>
    StddevPop,

    /// <summary><c>STDDEV_SAMP(n)</c> and <c>STDDEV(n)</c>: the square root of <see cref="VarSamp"/>.</summary>
    StddevSamp,

    /// <summary><c>VAR_POP(n)</c>: <c>(Σx² - (Σx)²/n) / n</c>; null when empty.</summary>
    VarPop,

    /// <summary><c>VAR_SAMP(n)</c> and <c>VARIANCE(n)</c>: <c>(Σx² - (Σx)²/n) / (n - 1)</c>; null for fewer than two values.</summary>
    VarSamp,

    /// <summary>
    /// A C# aggregate function (<see cref="AggregateCall.UserDefined"/>): its <c>Accumulate</c>, <c>Retract</c>,
    /// <c>Merge</c> and <c>GetValue</c> methods; it sees every row that passes the filter, nulls included (rows whose
    /// argument of a non-nullable parameter is null are skipped); not <c>DISTINCT</c>.
    /// </summary>
    UserDefined,

    /// <summary>
    /// <c>COLLECT(x)</c>: the <c>MULTISET</c> of the non-null values (a count per distinct value, retractable); an empty
    /// multiset when there is none, never null.
    /// </summary>
    Collect,

    /// <summary>
    /// The planner's <c>SINGLE_VALUE(x)</c> of a correlated scalar subquery: the group's only non-null value, NULL when
    /// there is none; a group of more than one row fails the job.
    /// </summary>
    SingleValue,

    /// <summary>
    /// <c>ARRAY_AGG([DISTINCT] x [RESPECT NULLS | IGNORE NULLS])</c>: the values in arrival order as an <c>ARRAY</c>, NULLs
    /// kept unless <see cref="AggregateCall.IgnoreNulls"/>; a retraction removes the earliest equal value; NULL when empty.
    /// </summary>
    ArrayAgg,

    /// <summary>
    /// <c>JSON_OBJECTAGG(k VALUE v)</c> over the key and the value's JSON text: a JSON object with the keys in ascending
    /// order; NULL values written as <c>null</c> unless <see cref="AggregateCall.IgnoreNulls"/> (ABSENT ON NULL); a NULL key
    /// or a key already present fails the job; <c>{}</c> when empty, never null.
    /// </summary>
    JsonObjectAgg,

    /// <summary>
    /// <c>JSON_ARRAYAGG(v)</c> over the value's JSON text: a JSON array in arrival order; NULL values left out when
    /// <see cref="AggregateCall.IgnoreNulls"/> (ABSENT ON NULL, the default), else written as <c>null</c>; <c>[]</c> when
    /// empty, never null.
    /// </summary>
    JsonArrayAgg,

    /// <summary>
    /// <c>PERCENTILE(x, percentage [, frequency])</c> (value and percentage as DOUBLE, frequency as BIGINT): the exact
    /// percentile with linear interpolation, a DOUBLE, or an ARRAY&lt;DOUBLE&gt; for an array of percentages; rows with a NULL
    /// value or a NULL or non-positive frequency are skipped; NULL when empty.
    /// </summary>
    Percentile,
}
