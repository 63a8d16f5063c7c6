using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>One end of a window frame: <c>UNBOUNDED PRECEDING</c>, <c>n PRECEDING</c>, <c>CURRENT ROW</c>, ...</summary>
/// <param name="Kind">The kind of bound.</param>
/// <param name="Offset">The offset of <c>n PRECEDING</c> / <c>n FOLLOWING</c>: a row count, or an interval for <c>RANGE</c>.</param>
public sealed record BoundFrameBound(FrameBoundKind Kind, BoundLiteral? Offset)
{
    /// <summary><c>UNBOUNDED PRECEDING</c>.</summary>
    public static BoundFrameBound UnboundedPreceding { get; } = new(FrameBoundKind.UnboundedPreceding, null);

    /// <summary><c>CURRENT ROW</c>.</summary>
    public static BoundFrameBound CurrentRow { get; } = new(FrameBoundKind.CurrentRow, null);

    /// <summary><c>UNBOUNDED FOLLOWING</c>.</summary>
    public static BoundFrameBound UnboundedFollowing { get; } = new(FrameBoundKind.UnboundedFollowing, null);

    /// <summary>The bound as SQL text.</summary>
    public override string ToString() => Kind switch
    {
        FrameBoundKind.UnboundedPreceding => "UNBOUNDED PRECEDING",
        FrameBoundKind.UnboundedFollowing => "UNBOUNDED FOLLOWING",
        FrameBoundKind.CurrentRow => "CURRENT ROW",
        FrameBoundKind.Preceding => $"{BoundExpressionFormatter.Format(Offset!, null)} PRECEDING",
        _ => $"{BoundExpressionFormatter.Format(Offset!, null)} FOLLOWING",
    };
}
