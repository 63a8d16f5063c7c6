namespace Sluice.Sql.Ast;

/// <summary>An extra detail requested by <c>EXPLAIN</c>.</summary>
public enum ExplainDetail
{
    /// <summary><c>ESTIMATED_COST</c>.</summary>
    EstimatedCost,

    /// <summary><c>CHANGELOG_MODE</c>.</summary>
    ChangelogMode,

    /// <summary><c>PLAN_ADVICE</c>.</summary>
    PlanAdvice,

    /// <summary><c>JSON_EXECUTION_PLAN</c>.</summary>
    JsonExecutionPlan,
}
