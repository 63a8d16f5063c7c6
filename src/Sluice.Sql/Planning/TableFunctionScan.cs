using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning;

/// <summary>
/// Rows produced by a table function call. On the right of a <see cref="Correlate"/> the call's operands read the
/// left row; standing alone its operands are constants.
/// </summary>
public sealed class TableFunctionScan : LogicalPlan
{
    /// <summary>Creates a table function scan.</summary>
    /// <param name="call">The call; its type is the row type of the produced rows.</param>
    /// <param name="schema">The output columns (named by the alias list, if any).</param>
    public TableFunctionScan(BoundCall call, PlanSchema schema)
        : base(schema)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The call.</summary>
    public BoundCall Call { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [];

    /// <inheritdoc />
    public override string NodeName => "TableFunctionScan";

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Expressions => [Call];

    /// <inheritdoc />
    public override PlanSchema ExpressionRow(PlanSchema outer) => outer;

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) =>
        expressions[0] is BoundCall call ? new TableFunctionScan(call, Schema) : this;

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) =>
        $"call=[{Format(Call, row)}], fields=[{string.Join(", ", Schema.Select(c => c.ToString()))}]";
}
