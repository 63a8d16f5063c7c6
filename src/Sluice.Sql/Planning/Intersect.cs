namespace Sluice.Sql.Planning;

/// <summary><c>INTERSECT [ALL]</c>: rows of the first input that are also in the second.</summary>
public sealed class Intersect : SetOperation
{
    /// <summary>Creates an intersection.</summary>
    public Intersect(LogicalPlan left, LogicalPlan right, bool isAll)
        : base(SchemaOf([left, right], anyNullable: false), [left, right], isAll)
    {
    }

    /// <inheritdoc />
    public override string NodeName => "Intersect";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Intersect(inputs[0], inputs[1], IsAll);
}
