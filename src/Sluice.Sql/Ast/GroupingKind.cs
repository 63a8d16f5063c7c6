namespace Sluice.Sql.Ast;

/// <summary>The kind of a <see cref="GroupingSetsExpression"/>.</summary>
public enum GroupingKind
{
    /// <summary><c>GROUPING SETS</c>.</summary>
    GroupingSets,

    /// <summary><c>ROLLUP</c>.</summary>
    Rollup,

    /// <summary><c>CUBE</c>.</summary>
    Cube,
}
