using Sluice.Core.Types;
using Sluice.Sql.Catalog.Functions;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>
/// An aggregate or ranking call with <c>OVER</c> (Calcite's <c>RexOver</c>). Transient: the binder moves window
/// calls into <c>OverWindow</c> plan nodes and references their output columns instead.
/// </summary>
/// <param name="Function">The aggregate or ranking function.</param>
/// <param name="Operands">The operands.</param>
/// <param name="IsDistinct">True for <c>DISTINCT</c>.</param>
/// <param name="Window">The window.</param>
/// <param name="Type">The result type.</param>
public sealed record BoundOverCall(
    FunctionDefinition Function,
    NodeList<BoundExpression> Operands,
    bool IsDistinct,
    BoundWindow Window,
    DataType Type)
    : BoundExpression
{
    /// <summary>True for <c>ARRAY_AGG(x IGNORE NULLS)</c> (see <see cref="Planning.AggregateCall.IgnoreNulls"/>).</summary>
    public bool IgnoreNulls { get; init; }

    /// <inheritdoc />
    public override DataType Type { get; } = Type;

    /// <summary>The operands, then the partition keys, then the order keys.</summary>
    public override IReadOnlyList<BoundExpression> Children =>
        [.. Operands, .. Window.PartitionKeys, .. Window.OrderKeys.Select(k => k.Expression)];

    /// <inheritdoc />
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children)
    {
        var operands = children.Take(Operands.Count).ToNodeList();
        var partition = children.Skip(Operands.Count).Take(Window.PartitionKeys.Count).ToNodeList();
        var order = Window.OrderKeys
            .Select((k, i) => k with { Expression = children[Operands.Count + Window.PartitionKeys.Count + i] })
            .ToNodeList();
        return this with { Operands = operands, Window = Window with { PartitionKeys = partition, OrderKeys = order } };
    }
}
