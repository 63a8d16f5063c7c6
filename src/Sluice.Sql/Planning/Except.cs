namespace Sluice.Sql.Planning;

/// <summary><c>EXCEPT [ALL]</c> (<c>MINUS</c>): rows of the first input that are not in the second.</summary>
public sealed class Except : SetOperation
{
    /// <summary>Creates a difference.</summary>
    public Except(LogicalPlan left, LogicalPlan right, bool isAll)
        : base(SchemaOf(left, right), [left, right], isAll)
    {
    }

    /// <inheritdoc />
    public override string NodeName => "Except";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Except(inputs[0], inputs[1], IsAll);

    private static PlanSchema SchemaOf(LogicalPlan left, LogicalPlan right)
    {
        var schema = SchemaOf([left, right], anyNullable: true);
        // The result is a subset of the left input: its nullability is the left's.
        return new PlanSchema(schema.Select((c, i) => c with { Type = c.Type.WithNullability(left.Schema[i].Type.IsNullable) }));
    }
}
