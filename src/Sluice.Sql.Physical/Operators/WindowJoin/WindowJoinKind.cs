namespace Sluice.Sql.Physical.Operators.WindowJoin;

/// <summary>The kind of a <see cref="WindowJoinOperator"/>.</summary>
public enum WindowJoinKind
{
    /// <summary><c>INNER JOIN</c>: every matching pair of the window.</summary>
    Inner,

    /// <summary><c>LEFT [OUTER] JOIN</c>: every left row of the window, padded with nulls when it has no match.</summary>
    Left,

    /// <summary><c>RIGHT [OUTER] JOIN</c>: every right row of the window, padded with nulls when it has no match.</summary>
    Right,

    /// <summary><c>FULL [OUTER] JOIN</c>: every row of both sides of the window, padded with nulls when it has no match.</summary>
    Full,

    /// <summary>Semi join (<c>EXISTS</c> / <c>IN</c>): each left row with at least one match, once; left columns only.</summary>
    Semi,

    /// <summary>Anti join (<c>NOT EXISTS</c>): each left row without a match; left columns only.</summary>
    Anti,
}
