using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A named window of the <c>WINDOW</c> clause: <c>w AS (...)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The window name.</param>
/// <param name="Specification">The window.</param>
public sealed record NamedWindow(SourceSpan Span, Identifier Name, WindowSpecification Specification) : SqlNode(Span);
