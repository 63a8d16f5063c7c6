using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// <c>Filter(Project(x, e), c)</c> becomes <c>Project(Filter(x, c'), e)</c>, where <c>c'</c> is <c>c</c> with the
/// projected expressions inlined: rows are dropped before they are computed, and a filter on a ranked subquery
/// reaches the <c>OverWindow</c> (Top-N recognition). Not applied when an inlined expression is non-deterministic.
/// </summary>
public sealed class FilterPastProjectRule : IPlanRule
{
    /// <inheritdoc />
    public string Name => "FilterPastProject";

    /// <inheritdoc />
    public ApplyOrder? Order => ApplyOrder.TopDown;

    /// <inheritdoc />
    public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Filter { Input: Project project } filter)
        {
            return Transformed.No(plan);
        }

        if (Conditions.Columns(filter.Condition).Any(i => !Conditions.IsDeterministic(project.Projections[i])))
        {
            return Transformed.No(plan);
        }

        var inlined = filter.Condition.Transform(e => e is BoundInputRef r ? project.Projections[r.Index] : e);
        return Transformed.Yes<LogicalPlan>(new Project(new Filter(project.Input, inlined), project.Projections, project.Schema.Names));
    }
}
