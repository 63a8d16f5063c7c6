using System.Diagnostics;
using Sluice.Sql.Planning.Rules;

namespace Sluice.Sql.Planning;

/// <summary>
/// Runs an ordered list of rules over a logical plan, verifying the plan after every rule, until a pass changes
/// nothing or <see cref="MaxPasses"/> passes ran (DataFusion's optimizer, DuckDB's pass list).
/// </summary>
/// <remarks>Immutable once built; <see cref="Optimize"/> is thread-safe if the rules are.</remarks>
public sealed class Optimizer
{
    private readonly IPlanRule[] _rules;

    /// <summary>Creates an optimizer with <paramref name="rules"/>, applied in order.</summary>
    public Optimizer(IEnumerable<IPlanRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToArray();
    }

    /// <summary>The rules, in the order they run.</summary>
    public IReadOnlyList<IPlanRule> Rules => _rules;

    /// <summary>Names of rules to skip.</summary>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The most passes over the rule list.</summary>
    public int MaxPasses { get; init; } = 4;

    /// <summary>Called after every rule with its result and timing (for tracing and tests).</summary>
    public Action<OptimizerStep>? Observer { get; init; }

    /// <summary>The default rule list, in order.</summary>
    public static Optimizer CreateDefault() => new(
    [
        // Fold constant expressions first: later rules see simpler expressions, and filters that fold to TRUE vanish.
        new ConstantFoldingRule(),

        // Merge stacked filters (a query's WHERE over a view's WHERE) into one conjunction.
        new FilterMergeRule(),

        // Push filters towards the sources: past projections (inlining the projected expressions) and into joins.
        new FilterPastProjectRule(),
        new FilterIntoJoinRule(),
        new FilterMergeRule(),

        // Compute equi-join keys that are expressions (or need a cast) below the join, so joins compare columns.
        new JoinKeyExpressionRule(),

        // Prune columns nothing reads: narrowing projections below joins, ranks, aggregations and over windows.
        new ColumnPruningRule(),

        // Recognize Top-N and deduplication: a filter on ROW_NUMBER/RANK/DENSE_RANK over a window.
        new RankRecognitionRule(),
        new RankNumberPruningRule(),

        // Merge stacked projections (a SELECT over a subquery or view) into one, inlining simple expressions.
        new ProjectMergeRule(),

        // Drop projections that output their input unchanged (SELECT * over a table, a rename that renamed nothing).
        new IdentityProjectRemovalRule(),
    ]);

    /// <summary>Optimizes <paramref name="plan"/>: the result has the same schema and meaning.</summary>
    /// <exception cref="Core.Errors.SluiceException">A rule produced an invalid plan (an internal error naming the rule).</exception>
    public LogicalPlan Optimize(LogicalPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        PlanVerifier.Verify(plan, "the binder");
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var context = new OptimizerContext { Pass = pass };
            var changed = false;
            foreach (var rule in _rules)
            {
                if (DisabledRules.Contains(rule.Name))
                {
                    continue;
                }

                var start = Stopwatch.GetTimestamp();
                var result = Apply(rule, plan, context);
                if (result.IsTransformed)
                {
                    PlanVerifier.VerifyRewrite(plan, result.Value, rule.Name);
                    plan = result.Value;
                    changed = true;
                }

                Observer?.Invoke(new OptimizerStep(rule.Name, pass, result.IsTransformed, Stopwatch.GetElapsedTime(start), plan));
            }

            if (!changed)
            {
                break;
            }
        }

        return plan;
    }

    private static Transformed<LogicalPlan> Apply(IPlanRule rule, LogicalPlan plan, OptimizerContext context) => rule.Order switch
    {
        ApplyOrder.TopDown => TopDown(rule, plan, context),
        ApplyOrder.BottomUp => BottomUp(rule, plan, context),
        _ => rule.Rewrite(plan, context),
    };

    private static Transformed<LogicalPlan> BottomUp(IPlanRule rule, LogicalPlan plan, OptimizerContext context)
    {
        var inputs = RewriteInputs(plan, input => BottomUp(rule, input, context), out var changed);
        var node = changed ? plan.WithInputs(inputs) : plan;
        var result = rule.Rewrite(node, context);
        return new Transformed<LogicalPlan>(result.Value, changed || result.IsTransformed);
    }

    private static Transformed<LogicalPlan> TopDown(IPlanRule rule, LogicalPlan plan, OptimizerContext context)
    {
        var result = rule.Rewrite(plan, context);
        var node = result.Value;
        var inputs = RewriteInputs(node, input => TopDown(rule, input, context), out var changed);
        return new Transformed<LogicalPlan>(changed ? node.WithInputs(inputs) : node, changed || result.IsTransformed);
    }

    private static LogicalPlan[] RewriteInputs(LogicalPlan plan, Func<LogicalPlan, Transformed<LogicalPlan>> rewrite, out bool changed)
    {
        var inputs = plan.Inputs.ToArray();
        changed = false;
        for (var i = 0; i < inputs.Length; i++)
        {
            var result = rewrite(inputs[i]);
            if (result.IsTransformed)
            {
                inputs[i] = result.Value;
                changed = true;
            }
        }

        return inputs;
    }
}
