using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// A join with a versioned table as of the time of each left row (<c>JOIN t FOR SYSTEM_TIME AS OF left.time</c>):
/// an event-time temporal join when the period is an event-time attribute (the right side needs a primary key and
/// a watermark), a lookup join when it is a processing-time attribute. The physical planner picks the operator.
/// </summary>
public sealed class TemporalJoin : LogicalPlan
{
    /// <summary>Creates a temporal join.</summary>
    /// <exception cref="ArgumentException">The join type is not inner or left.</exception>
    public TemporalJoin(LogicalPlan left, LogicalPlan right, JoinType joinType, BoundExpression condition, BoundExpression period,
        TimeAttribute periodKind)
        : base(Join.SchemaOf(left, right, joinType))
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(period);
        if (joinType is not (JoinType.Inner or JoinType.Left))
        {
            throw new ArgumentException("A temporal join is an inner or a left join.", nameof(joinType));
        }

        Left = left;
        Right = right;
        JoinType = joinType;
        Condition = condition;
        Period = period;
        PeriodKind = periodKind;
    }

    /// <summary>The left (probe) input.</summary>
    public LogicalPlan Left { get; }

    /// <summary>The versioned or lookup table.</summary>
    public LogicalPlan Right { get; }

    /// <summary>Inner or left.</summary>
    public JoinType JoinType { get; }

    /// <summary>The join condition over the left row followed by the right row.</summary>
    public BoundExpression Condition { get; }

    /// <summary>The time the right side is read as of: a time attribute of the left row.</summary>
    public BoundExpression Period { get; }

    /// <summary>Event time (versioned table) or processing time (lookup).</summary>
    public TimeAttribute PeriodKind { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Left, Right];

    /// <inheritdoc />
    public override string NodeName => "TemporalJoin";

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Expressions => [Condition, Period];

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) =>
        new TemporalJoin(inputs[0], inputs[1], JoinType, Condition, Period, PeriodKind);

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) =>
        new TemporalJoin(Left, Right, JoinType, expressions[0], expressions[1], PeriodKind);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) =>
        $"type=[{JoinType.ToString().ToUpperInvariant()}], period=[{Format(Period, row)}{(PeriodKind == TimeAttribute.ProcTime ? " *PROCTIME*" : " *ROWTIME*")}], condition=[{Format(Condition, row)}]";
}
