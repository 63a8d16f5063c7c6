namespace Sluice.Sql.Planning;

/// <summary>
/// A logical rewrite: a small pass, one per file, that keeps the plan's output schema and meaning. A rule that does
/// not apply returns <see cref="Transformed.No{T}"/> with its input.
/// </summary>
/// <remarks>
/// With an <see cref="Order"/>, the optimizer walks the tree and calls <see cref="Rewrite"/> once per node (the rule
/// looks at that node only); without one, the rule gets the root and walks the tree itself. After every rule the
/// optimizer verifies the plan (<see cref="PlanVerifier"/>).
/// </remarks>
public interface IPlanRule
{
    /// <summary>A stable name, used to disable the rule and in verification errors.</summary>
    string Name { get; }

    /// <summary>How the optimizer applies the rule, or null when the rule walks the tree itself.</summary>
    ApplyOrder? Order { get; }

    /// <summary>Rewrites one node (with an <see cref="Order"/>) or the whole plan (without).</summary>
    Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context);
}
