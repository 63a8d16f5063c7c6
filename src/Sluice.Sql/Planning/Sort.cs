using Sluice.Sql.Binding;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>Orders the input rows by keys over the input row (<c>ORDER BY</c>). Outputs the input's schema.</summary>
public sealed class Sort : LogicalPlan
{
    /// <summary>Creates a sort.</summary>
    public Sort(LogicalPlan input, NodeList<BoundSortKey> keys)
        : base(input.Schema)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Input = input;
        Keys = keys;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The sort keys, most significant first.</summary>
    public NodeList<BoundSortKey> Keys { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "Sort";

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Expressions => Keys.Select(k => k.Expression).ToArray();

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Sort(inputs[0], Keys);

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) =>
        new Sort(Input, Keys.Select((k, i) => k with { Expression = expressions[i] }).ToNodeList());

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) => $"order=[{string.Join(", ", Keys.Select(k => Format(k, row)))}]";
}
