using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning;

/// <summary>
/// Joins two inputs on a condition over the left row followed by the right row. Outputs the left columns then
/// the right ones (names made unique), the side that may be padded nullable; semi and anti joins output the
/// left columns only. Time attributes pass through: whether a join keeps them (an interval join) or
/// materializes them (a regular join) is decided by the physical planner, as in Flink.
/// </summary>
public sealed class Join : LogicalPlan
{
    /// <summary>Creates a join.</summary>
    public Join(LogicalPlan left, LogicalPlan right, JoinType joinType, BoundExpression condition)
        : base(SchemaOf(left, right, joinType))
    {
        ArgumentNullException.ThrowIfNull(condition);
        Left = left;
        Right = right;
        JoinType = joinType;
        Condition = condition;
    }

    /// <summary>The left input.</summary>
    public LogicalPlan Left { get; }

    /// <summary>The right input.</summary>
    public LogicalPlan Right { get; }

    /// <summary>The kind of join.</summary>
    public JoinType JoinType { get; }

    /// <summary>The condition over the left row followed by the right row (<c>TRUE</c> for a cross join).</summary>
    public BoundExpression Condition { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Left, Right];

    /// <inheritdoc />
    public override string NodeName => "Join";

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Expressions => [Condition];

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Join(inputs[0], inputs[1], JoinType, Condition);

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => new Join(Left, Right, JoinType, expressions[0]);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) =>
        $"type=[{JoinType.ToString().ToUpperInvariant()}], condition=[{Format(Condition, row)}]";

    /// <summary>The output of joining <paramref name="left"/> and <paramref name="right"/>.</summary>
    internal static PlanSchema SchemaOf(LogicalPlan left, LogicalPlan right, JoinType joinType)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var both = PlanSchema.Unique(left.Schema.Concat(right.Schema).ToList());
        if (joinType is JoinType.Semi or JoinType.Anti)
        {
            return left.Schema;
        }

        var leftNullable = joinType is JoinType.Right or JoinType.Full;
        var rightNullable = joinType is JoinType.Left or JoinType.Full;
        return new PlanSchema(both.Select((c, i) =>
            (i < left.Schema.Count ? leftNullable : rightNullable) ? c with { Type = c.Type.Nullable() } : c));
    }
}
