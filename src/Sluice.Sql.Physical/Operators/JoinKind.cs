namespace Sluice.Sql.Physical.Operators;

/// <summary>The kind of a <see cref="JoinOperator"/>.</summary>
public enum JoinKind
{
    /// <summary><c>INNER JOIN</c>: only matching pairs.</summary>
    Inner,

    /// <summary><c>LEFT [OUTER] JOIN</c>: every left row, padded with nulls when it has no match.</summary>
    Left,

    /// <summary><c>RIGHT [OUTER] JOIN</c>: every right row, padded with nulls when it has no match.</summary>
    Right,

    /// <summary><c>FULL [OUTER] JOIN</c>: every row of both sides, padded with nulls when it has no match.</summary>
    Full,
}
