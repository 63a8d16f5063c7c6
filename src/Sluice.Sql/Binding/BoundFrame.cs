using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>The frame of an <c>OVER</c> window: <c>ROWS</c> or <c>RANGE</c> between two bounds.</summary>
/// <param name="Unit">Rows or a range of the order key.</param>
/// <param name="Lower">The first row of the frame.</param>
/// <param name="Upper">The last row of the frame.</param>
public sealed record BoundFrame(FrameUnit Unit, BoundFrameBound Lower, BoundFrameBound Upper)
{
    /// <summary>The frame as SQL text, for example <c>ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW</c>.</summary>
    public override string ToString() => $"{(Unit == FrameUnit.Rows ? "ROWS" : "RANGE")} BETWEEN {Lower} AND {Upper}";
}
