namespace Sluice.Sql.Ast;

/// <summary>The side keyword of a <see cref="TrimExpression"/>.</summary>
public enum TrimSide
{
    /// <summary>Not written (both sides).</summary>
    Default,

    /// <summary><c>BOTH</c>.</summary>
    Both,

    /// <summary><c>LEADING</c>.</summary>
    Leading,

    /// <summary><c>TRAILING</c>.</summary>
    Trailing,
}
