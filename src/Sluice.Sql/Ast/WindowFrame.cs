using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A window frame: <c>ROWS|RANGE start</c> or <c>ROWS|RANGE BETWEEN start AND end</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Unit"><c>ROWS</c> or <c>RANGE</c>.</param>
/// <param name="Start">The start bound.</param>
/// <param name="End">The end bound of a <c>BETWEEN</c> frame, or null (the frame ends at the current row).</param>
public sealed record WindowFrame(SourceSpan Span, FrameUnit Unit, FrameBound Start, FrameBound? End) : SqlNode(Span);
