namespace Sluice.Sql.Planning;

/// <summary>What the optimizer reports to its observer after each rule.</summary>
/// <param name="RuleName">The rule applied.</param>
/// <param name="Pass">The 0-based pass over the rule list.</param>
/// <param name="Changed">True when the rule changed the plan.</param>
/// <param name="Elapsed">How long the rule and the verification took.</param>
/// <param name="Plan">The plan after the rule.</param>
public sealed record OptimizerStep(string RuleName, int Pass, bool Changed, TimeSpan Elapsed, LogicalPlan Plan);
