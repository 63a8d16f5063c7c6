namespace Sluice.Sql.Physical.Expressions;

/// <summary>Maps a three-way comparison result to a comparison operator's answer.</summary>
internal static class ComparisonResults
{
    public static bool Holds(ComparisonOperator op, int order) => op switch
    {
        ComparisonOperator.Equal => order == 0,
        ComparisonOperator.NotEqual => order != 0,
        ComparisonOperator.Less => order < 0,
        ComparisonOperator.LessOrEqual => order <= 0,
        ComparisonOperator.Greater => order > 0,
        _ => order >= 0,
    };
}
