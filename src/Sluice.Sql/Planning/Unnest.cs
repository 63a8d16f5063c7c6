using Sluice.Sql.Binding;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>
/// The elements of arrays, multisets or maps as rows (<c>UNNEST</c>), optionally with a 1-based ordinal column. A
/// row-typed element becomes one column per field; a map entry becomes a key column and a value column. On the
/// right of a <see cref="Correlate"/> the operands read the left row.
/// </summary>
public sealed class Unnest : LogicalPlan
{
    /// <summary>Creates an unnest.</summary>
    public Unnest(NodeList<BoundExpression> operands, bool withOrdinality, PlanSchema schema)
        : base(schema)
    {
        ArgumentNullException.ThrowIfNull(operands);
        Operands = operands;
        WithOrdinality = withOrdinality;
    }

    /// <summary>The collections to unnest.</summary>
    public NodeList<BoundExpression> Operands { get; }

    /// <summary>True for <c>WITH ORDINALITY</c>: the last column is the element's position.</summary>
    public bool WithOrdinality { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [];

    /// <inheritdoc />
    public override string NodeName => "Unnest";

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Expressions => Operands;

    /// <inheritdoc />
    public override PlanSchema ExpressionRow(PlanSchema outer) => outer;

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) =>
        new Unnest(expressions.ToNodeList(), WithOrdinality, Schema);

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) =>
        $"operands=[{string.Join(", ", Operands.Select(o => Format(o, row)))}], ordinality=[{(WithOrdinality ? "true" : "false")}], " +
        $"fields=[{string.Join(", ", Schema.Select(c => c.ToString()))}]";
}
