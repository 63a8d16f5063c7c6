using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// The base of <see cref="Union"/>, <see cref="Intersect"/> and <see cref="Except"/>: inputs with the same column
/// types (the binder casts them), matched by position; the output takes the first input's names.
/// </summary>
public abstract class SetOperation : LogicalPlan
{
    private protected SetOperation(PlanSchema schema, IReadOnlyList<LogicalPlan> inputs, bool isAll)
        : base(schema)
    {
        SetInputs = inputs.ToArray();
        IsAll = isAll;
    }

    /// <summary>True for <c>ALL</c> (keep duplicates), false for <c>DISTINCT</c>.</summary>
    public bool IsAll { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => SetInputs;

    private IReadOnlyList<LogicalPlan> SetInputs { get; }

    /// <inheritdoc />
    public override PlanSchema ExpressionRow(PlanSchema outer) => PlanSchema.Empty;

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) => $"all=[{(IsAll ? "true" : "false")}]";

    /// <summary>
    /// The output of a set operation: the first input's names and types; a column is nullable when it is nullable
    /// in any input (<paramref name="anyNullable"/>) or in all of them; it stays a time attribute only when it is one,
    /// of the same kind, in every input.
    /// </summary>
    private protected static PlanSchema SchemaOf(IReadOnlyList<LogicalPlan> inputs, bool anyNullable)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count < 2)
        {
            throw new ArgumentException("A set operation needs at least two inputs.", nameof(inputs));
        }

        var first = inputs[0].Schema;
        foreach (var input in inputs)
        {
            if (input.Schema.Count != first.Count)
            {
                throw new ArgumentException("The inputs of a set operation must have the same number of columns.", nameof(inputs));
            }
        }

        return new PlanSchema(first.Select((column, i) =>
        {
            var nullable = anyNullable ? inputs.Any(x => x.Schema[i].Type.IsNullable) : inputs.All(x => x.Schema[i].Type.IsNullable);
            var sameTime = inputs.All(x => x.Schema[i].TimeAttribute == column.TimeAttribute);
            var result = column with { Type = column.Type.WithNullability(nullable) };
            return sameTime ? result : result with { TimeAttribute = TimeAttribute.None };
        }));
    }
}
