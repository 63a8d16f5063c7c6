using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// <c>Project(Project(x, inner), outer)</c> becomes one projection over <c>x</c>, with the inner expressions inlined
/// into the outer ones. Not applied when an inner expression that does work (not a column or literal) would be
/// computed more than once, or is not deterministic.
/// </summary>
/// <remarks>
/// Time attributes are unaffected: an outer column that referenced an inner plain column reference is still a
/// plain reference after inlining, and one that referenced a computed column is still computed.
/// </remarks>
public sealed class ProjectMergeRule : IPlanRule
{
    /// <inheritdoc />
    public string Name => "ProjectMerge";

    /// <inheritdoc />
    public ApplyOrder? Order => ApplyOrder.BottomUp;

    /// <inheritdoc />
    public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Project { Input: Project inner } outer)
        {
            return Transformed.No(plan);
        }

        var uses = new int[inner.Projections.Count];
        foreach (var reference in outer.Projections.SelectMany(e => e.Descendants()).OfType<BoundInputRef>())
        {
            uses[reference.Index]++;
        }

        for (var i = 0; i < uses.Length; i++)
        {
            var expression = inner.Projections[i];
            var trivial = expression is BoundInputRef or BoundLiteral;
            var deterministic = !expression.Any(e => e is BoundCall { Function.IsDeterministic: false });
            if ((uses[i] > 1 && !trivial) || (uses[i] > 0 && !deterministic))
            {
                return Transformed.No(plan);
            }
        }

        var merged = outer.Projections.Select(e => e.Transform(node => node is BoundInputRef reference ? inner.Projections[reference.Index] : node));
        return Transformed.Yes<LogicalPlan>(new Project(inner.Input, merged, outer.Schema.Names));
    }
}
