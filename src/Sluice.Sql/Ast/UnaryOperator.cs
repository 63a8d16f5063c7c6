namespace Sluice.Sql.Ast;

/// <summary>A prefix operator.</summary>
public enum UnaryOperator
{
    /// <summary><c>+</c>.</summary>
    Plus,

    /// <summary><c>-</c>.</summary>
    Minus,

    /// <summary><c>NOT</c>.</summary>
    Not,
}
