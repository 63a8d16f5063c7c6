namespace Sluice.Sql.Planning;

/// <summary>
/// For each left row, evaluates the right side (a <see cref="TableFunctionScan"/> or <see cref="Unnest"/>, whose
/// expressions read the left row) and joins the left row with the rows it produces: <c>LATERAL TABLE(...)</c>,
/// <c>CROSS JOIN UNNEST(...)</c>. <see cref="JoinType.Left"/> keeps left rows that produce nothing.
/// </summary>
public sealed class Correlate : LogicalPlan
{
    /// <summary>Creates a correlation.</summary>
    /// <exception cref="ArgumentException">The join type is not inner or left.</exception>
    public Correlate(LogicalPlan left, LogicalPlan right, JoinType joinType)
        : base(Join.SchemaOf(left, right, joinType))
    {
        if (joinType is not (JoinType.Inner or JoinType.Left))
        {
            throw new ArgumentException("A correlation is an inner or a left join.", nameof(joinType));
        }

        Left = left;
        Right = right;
        JoinType = joinType;
    }

    /// <summary>The left input.</summary>
    public LogicalPlan Left { get; }

    /// <summary>The right side, evaluated per left row.</summary>
    public LogicalPlan Right { get; }

    /// <summary>Inner or left.</summary>
    public JoinType JoinType { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Left, Right];

    /// <inheritdoc />
    public override string NodeName => "Correlate";

    /// <inheritdoc />
    public override PlanSchema ExpressionRow(PlanSchema outer) => PlanSchema.Empty;

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Correlate(inputs[0], inputs[1], JoinType);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) => $"type=[{JoinType.ToString().ToUpperInvariant()}]";

    /// <inheritdoc />
    internal override PlanSchema OuterRowForInput(int index, PlanSchema outer) => index == 1 ? Left.Schema : outer;
}
