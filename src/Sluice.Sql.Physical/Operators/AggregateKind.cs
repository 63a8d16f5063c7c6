namespace Sluice.Sql.Physical.Operators;

/// <summary>The aggregate functions <see cref="GroupAggregateOperator"/> computes (all retractable).</summary>
public enum AggregateKind
{
    /// <summary><c>COUNT(*)</c>: the number of rows; never null.</summary>
    CountStar,

    /// <summary><c>COUNT(col)</c>: the number of non-null values; never null.</summary>
    Count,

    /// <summary><c>SUM(col)</c> over a numeric column; null when there is no non-null value.</summary>
    Sum,

    /// <summary><c>MIN(col)</c> over a numeric column; null when there is no non-null value.</summary>
    Min,

    /// <summary><c>MAX(col)</c> over a numeric column; null when there is no non-null value.</summary>
    Max,

    /// <summary>
    /// <c>AVG(col)</c> over a numeric column: the sum divided by the count, in the result type (integer results
    /// truncate, as in Flink); null when there is no non-null value.
    /// </summary>
    Avg,
}
