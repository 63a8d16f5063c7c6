using System.Text;
using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning;

/// <summary>
/// A node of the logical plan: a relational operator with its inputs, its expressions and its output schema.
/// Immutable: rules build new nodes (<see cref="WithInputs"/>, <see cref="WithExpressions"/>) and share unchanged
/// subtrees.
/// </summary>
/// <remarks>
/// <para>Expressions reference the node's expression row (<see cref="ExpressionRow"/>): the input's columns, or for
/// nodes with two inputs the left columns followed by the right ones. The leaves on the right of a
/// <see cref="Correlate"/> evaluate their expressions on the left row instead.</para>
/// <para><see cref="Explain()"/> writes the tree as indented text, one node per line, each with its defining
/// properties and the types of the columns it creates.</para>
/// </remarks>
public abstract class LogicalPlan
{
    private protected LogicalPlan(PlanSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
    }

    /// <summary>The output columns.</summary>
    public PlanSchema Schema { get; }

    /// <summary>The inputs, in order (none for leaves).</summary>
    public abstract IReadOnlyList<LogicalPlan> Inputs { get; }

    /// <summary>The node name in plan text, for example <c>Project</c>.</summary>
    public abstract string NodeName { get; }

    /// <summary>The expressions of the node, over its <see cref="ExpressionRow"/>; empty for nodes without expressions.</summary>
    public virtual IReadOnlyList<BoundExpression> Expressions => [];

    /// <summary>A copy with other inputs (as many as <see cref="Inputs"/>); the schema is derived again.</summary>
    public abstract LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs);

    /// <summary>
    /// A copy with other expressions, as many as <see cref="Expressions"/> and in the same order. Rules keep the
    /// types; the schema is derived again.
    /// </summary>
    public virtual LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => this;

    /// <summary>
    /// The columns the node's expressions reference: the concatenation of the inputs' schemas, names made unique.
    /// <paramref name="outer"/> is the correlated row (the left input of an enclosing <see cref="Correlate"/>) for
    /// leaves that read it.
    /// </summary>
    public virtual PlanSchema ExpressionRow(PlanSchema outer)
    {
        var inputs = Inputs;
        return inputs.Count switch
        {
            0 => PlanSchema.Empty,
            1 => inputs[0].Schema,
            _ => PlanSchema.Unique(inputs.SelectMany(i => i.Schema).ToList()),
        };
    }

    /// <summary>The whole tree as indented text, two spaces per level.</summary>
    public string Explain()
    {
        var builder = new StringBuilder();
        Explain(builder, 0, PlanSchema.Empty);
        return builder.ToString();
    }

    /// <summary>The properties written between the parentheses of this node's line.</summary>
    /// <param name="row">The expression row, to name input columns.</param>
    public abstract string ExplainProperties(PlanSchema row);

    /// <summary>The node's own line (without children or indentation).</summary>
    public string ExplainNode(PlanSchema outer) => $"{NodeName}({ExplainProperties(ExpressionRow(outer))})";

    /// <inheritdoc />
    public override string ToString() => Explain();

    /// <summary>The row the input at <paramref name="index"/> evaluates correlated expressions on.</summary>
    internal virtual PlanSchema OuterRowForInput(int index, PlanSchema outer) => outer;

    /// <summary>Formats an expression with input columns named from <paramref name="row"/>.</summary>
    private protected static string Format(BoundExpression expression, PlanSchema row) =>
        BoundExpressionFormatter.Format(expression, i => i >= 0 && i < row.Count ? row[i].Name : "$" + i);

    /// <summary>Formats a sort key with input columns named from <paramref name="row"/>.</summary>
    private protected static string Format(BoundSortKey key, PlanSchema row) =>
        BoundExpressionFormatter.FormatSortKey(key, i => i >= 0 && i < row.Count ? row[i].Name : "$" + i);

    /// <summary>The name of column <paramref name="index"/> of <paramref name="row"/>.</summary>
    private protected static string NameOf(int index, PlanSchema row) => index >= 0 && index < row.Count ? row[index].Name : "$" + index;

    private void Explain(StringBuilder builder, int depth, PlanSchema outer)
    {
        builder.Append(' ', depth * 2).Append(ExplainNode(outer)).Append('\n');
        var inputs = Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            inputs[i].Explain(builder, depth + 1, OuterRowForInput(i, outer));
        }
    }
}
