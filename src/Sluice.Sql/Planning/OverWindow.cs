using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>
/// Computes aggregate or ranking calls over one window specification (partition keys, order keys, frame) and
/// appends one column per call to the input row (Calcite's <c>Window</c>, Flink's over aggregation). Calls with
/// different windows go to stacked nodes.
/// </summary>
public sealed class OverWindow : LogicalPlan
{
    /// <summary>Creates an over-window node.</summary>
    public OverWindow(LogicalPlan input, BoundWindow window, NodeList<OverCall> calls)
        : base(SchemaOf(input, calls))
    {
        ArgumentNullException.ThrowIfNull(window);
        Input = input;
        Window = window;
        Calls = calls;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The window: partition keys, order keys, frame, over the input row.</summary>
    public BoundWindow Window { get; }

    /// <summary>The calls; one output column each.</summary>
    public NodeList<OverCall> Calls { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "OverWindow";

    /// <summary>The partition keys, the order keys, then the operands of every call.</summary>
    public override IReadOnlyList<BoundExpression> Expressions =>
        [.. Window.PartitionKeys, .. Window.OrderKeys.Select(k => k.Expression), .. Calls.SelectMany(c => c.Operands)];

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new OverWindow(inputs[0], Window, Calls);

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions)
    {
        var position = 0;
        var partition = Window.PartitionKeys.Select(_ => expressions[position++]).ToNodeList();
        var order = Window.OrderKeys.Select(k => k with { Expression = expressions[position++] }).ToNodeList();
        var calls = Calls.Select(c => c with { Operands = c.Operands.Select(_ => expressions[position++]).ToNodeList() }).ToNodeList();
        return new OverWindow(Input, Window with { PartitionKeys = partition, OrderKeys = order }, calls);
    }

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row)
    {
        var parts = new List<string>();
        if (Window.PartitionKeys.Count > 0)
        {
            parts.Add($"partition=[{string.Join(", ", Window.PartitionKeys.Select(k => Format(k, row)))}]");
        }

        if (Window.OrderKeys.Count > 0)
        {
            parts.Add($"order=[{string.Join(", ", Window.OrderKeys.Select(k => Format(k, row)))}]");
        }

        parts.Add($"frame=[{Window.Frame}]");
        parts.Add($"calls=[{string.Join(", ", Calls.Select(c => c.Format(i => NameOf(i, row))))}]");
        return string.Join(", ", parts);
    }

    private static PlanSchema SchemaOf(LogicalPlan input, NodeList<OverCall> calls)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(calls);
        return new PlanSchema(input.Schema.Concat(calls.Select(c => new PlanColumn(c.Name, c.Type, TimeAttribute.None))));
    }
}
