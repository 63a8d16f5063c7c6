using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>TRIM([[BOTH|LEADING|TRAILING] [characters] FROM] x)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Side">Which side, as written.</param>
/// <param name="Characters">The characters to remove, if written.</param>
/// <param name="Source">The trimmed string.</param>
public sealed record TrimExpression(
    SourceSpan Span,
    TrimSide Side,
    SqlExpression? Characters,
    SqlExpression Source)
    : SqlExpression(Span);
