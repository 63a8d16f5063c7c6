namespace Sluice.Sql.Ast;

/// <summary>The unit of a <see cref="WindowFrame"/>.</summary>
public enum FrameUnit
{
    /// <summary><c>ROWS</c>.</summary>
    Rows,

    /// <summary><c>RANGE</c>.</summary>
    Range,
}
