using Sluice.Sql.Binding;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>
/// Constant rows (<c>VALUES</c>, or the single empty row of a <c>SELECT</c> without <c>FROM</c>). Each value has its
/// column's type (nullability aside: a column is nullable when any of its values is).
/// </summary>
public sealed class Values : LogicalPlan
{
    /// <summary>Creates constant rows.</summary>
    public Values(PlanSchema schema, NodeList<NodeList<BoundExpression>> rows)
        : base(schema)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Any(r => r.Count != schema.Count))
        {
            throw new ArgumentException("Every row needs one value per column.", nameof(rows));
        }

        Rows = rows;
    }

    /// <summary>The rows.</summary>
    public NodeList<NodeList<BoundExpression>> Rows { get; }

    /// <summary>One row without columns: the input of <c>SELECT</c> without <c>FROM</c>.</summary>
    public static Values SingleEmptyRow() => new(PlanSchema.Empty, NodeList.Of(NodeList<BoundExpression>.Empty));

    /// <summary>No rows of <paramref name="schema"/>.</summary>
    public static Values Empty(PlanSchema schema) => new(schema, NodeList<NodeList<BoundExpression>>.Empty);

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [];

    /// <inheritdoc />
    public override string NodeName => "Values";

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Expressions => Rows.SelectMany(r => r).ToArray();

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions)
    {
        var position = 0;
        var rows = Rows.Select(r => r.Select(_ => expressions[position++]).ToNodeList()).ToNodeList();
        return new Values(Schema, rows);
    }

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row)
    {
        var tuples = Rows.Select(r => "(" + string.Join(", ", r.Select(v => Format(v, PlanSchema.Empty))) + ")");
        return $"fields=[{string.Join(", ", Schema.Select(c => c.ToString()))}], tuples=[{string.Join(", ", tuples)}]";
    }
}
