namespace Sluice.Sql.Ast;

/// <summary>The kind of a <see cref="FrameBound"/>.</summary>
public enum FrameBoundKind
{
    /// <summary><c>UNBOUNDED PRECEDING</c>.</summary>
    UnboundedPreceding,

    /// <summary><c>n PRECEDING</c>.</summary>
    Preceding,

    /// <summary><c>CURRENT ROW</c>.</summary>
    CurrentRow,

    /// <summary><c>n FOLLOWING</c>.</summary>
    Following,

    /// <summary><c>UNBOUNDED FOLLOWING</c>.</summary>
    UnboundedFollowing,
}
