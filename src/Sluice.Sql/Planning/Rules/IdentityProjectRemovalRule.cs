namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// A projection that outputs its input's columns unchanged (same order, names and types) is removed: <c>SELECT *</c>
/// over a table, the projection of an aggregation's own output.
/// </summary>
public sealed class IdentityProjectRemovalRule : IPlanRule
{
    /// <inheritdoc />
    public string Name => "IdentityProjectRemoval";

    /// <inheritdoc />
    public ApplyOrder? Order => ApplyOrder.BottomUp;

    /// <inheritdoc />
    public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context) =>
        plan is Project { IsIdentity: true } project ? Transformed.Yes(project.Input) : Transformed.No(plan);
}
