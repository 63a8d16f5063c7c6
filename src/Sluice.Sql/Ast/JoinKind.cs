namespace Sluice.Sql.Ast;

/// <summary>The type of a <see cref="JoinReference"/>.</summary>
public enum JoinKind
{
    /// <summary><c>[INNER] JOIN</c>.</summary>
    Inner,

    /// <summary><c>LEFT [OUTER] JOIN</c>.</summary>
    Left,

    /// <summary><c>RIGHT [OUTER] JOIN</c>.</summary>
    Right,

    /// <summary><c>FULL [OUTER] JOIN</c>.</summary>
    Full,

    /// <summary><c>CROSS JOIN</c>.</summary>
    Cross,

    /// <summary>A comma-separated <c>FROM</c> list (a cross join).</summary>
    Comma,
}
