namespace Sluice.Sql.Planning;

/// <summary><c>UNION [ALL]</c> of two or more inputs.</summary>
public sealed class Union : SetOperation
{
    /// <summary>Creates a union.</summary>
    public Union(IReadOnlyList<LogicalPlan> inputs, bool isAll)
        : base(SchemaOf(inputs, anyNullable: true), inputs, isAll)
    {
    }

    /// <inheritdoc />
    public override string NodeName => "Union";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new Union(inputs, IsAll);
}
