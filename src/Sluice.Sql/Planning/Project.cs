using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>
/// Computes one output column per expression over the input row. A column that is a plain input reference keeps
/// the input column's time attribute and window property; a <c>PROCTIME()</c> call is a processing-time attribute (as
/// in Flink, so a view's <c>SELECT *, PROCTIME() AS p FROM t</c> can be windowed by <c>p</c>); any other expression
/// materializes them.
/// </summary>
public sealed class Project : LogicalPlan
{
    /// <summary>Creates a projection.</summary>
    /// <param name="input">The input.</param>
    /// <param name="expressions">One expression per output column.</param>
    /// <param name="names">The output names (unique).</param>
    public Project(LogicalPlan input, IEnumerable<BoundExpression> expressions, IEnumerable<string> names)
        : this(input, expressions.ToNodeList(), names.ToArray())
    {
    }

    private Project(LogicalPlan input, NodeList<BoundExpression> expressions, string[] names)
        : base(SchemaOf(input, expressions, names))
    {
        Input = input;
        Projections = expressions;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>One expression per output column.</summary>
    public NodeList<BoundExpression> Projections { get; }

    /// <summary>True when the projection outputs exactly the input columns, in order, with the same names.</summary>
    public bool IsIdentity => Projections.Count == Input.Schema.Count
        && Projections.Select((e, i) => e is BoundInputRef r && r.Index == i).All(x => x)
        && Schema.Equals(Input.Schema);

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc />
    public override string NodeName => "Project";

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Expressions => Projections;

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Project(inputs[0], Projections, Schema.Names.ToArray());

    /// <inheritdoc />
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) =>
        new Project(Input, expressions.ToNodeList(), Schema.Names.ToArray());

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row)
    {
        var items = Projections.Select((expression, i) =>
        {
            var column = Schema[i];
            if (expression is BoundInputRef reference && NameOf(reference.Index, row) == column.Name)
            {
                return column.Name;
            }

            var text = expression is BoundInputRef ? Format(expression, row) + " AS " + column.Name : $"{Format(expression, row)} AS {column}";
            return text;
        });
        return $"exprs=[{string.Join(", ", items)}]";
    }

    private static PlanSchema SchemaOf(LogicalPlan input, NodeList<BoundExpression> expressions, string[] names)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (names.Length != expressions.Count)
        {
            throw new ArgumentException("A projection needs one name per expression.", nameof(names));
        }

        return new PlanSchema(expressions.Select((expression, i) =>
        {
            if (expression is BoundInputRef reference && reference.Index >= 0 && reference.Index < input.Schema.Count)
            {
                var source = input.Schema[reference.Index];
                return new PlanColumn(names[i], expression.Type, source.TimeAttribute, source.Window);
            }

            return expression is BoundCall call && ReferenceEquals(call.Function, Catalog.Functions.BuiltInFunctions.ProcTime)
                ? new PlanColumn(names[i], expression.Type, TimeAttribute.ProcTime)
                : new PlanColumn(names[i], expression.Type, TimeAttribute.None);
        }));
    }
}
