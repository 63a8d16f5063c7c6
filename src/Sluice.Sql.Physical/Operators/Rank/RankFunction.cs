namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>The ranking function of a Top-N (<see cref="RankOperator"/>, <see cref="WindowRankOperator"/>).</summary>
public enum RankFunction
{
    /// <summary>
    /// <c>ROW_NUMBER()</c>: 1, 2, 3, ... in sort order; rows with equal sort keys are numbered in arrival order.
    /// </summary>
    RowNumber,

    /// <summary><c>RANK()</c>: 1 + the number of rows with a strictly smaller sort key (ties share a rank, gaps follow).</summary>
    Rank,

    /// <summary><c>DENSE_RANK()</c>: 1 + the number of distinct strictly smaller sort keys (ties share a rank, no gaps).</summary>
    DenseRank,
}
