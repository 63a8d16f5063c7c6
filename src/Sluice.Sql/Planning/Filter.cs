using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning;

/// <summary>Keeps the input rows for which the condition is true (not false, not null). Outputs the input's schema.</summary>
public sealed class Filter : LogicalPlan
{
    /// <summary>Creates a filter.</summary>
    public Filter(LogicalPlan input, BoundExpression condition)
        : base(input.Schema)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Input = input;
        Condition = condition;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The condition, a <c>BOOLEAN</c> over the input row.</summary>
    public BoundExpression Condition { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "Filter";

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Expressions => [Condition];

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Filter(inputs[0], Condition);

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => new Filter(Input, expressions[0]);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) => $"condition=[{Format(Condition, row)}]";
}
