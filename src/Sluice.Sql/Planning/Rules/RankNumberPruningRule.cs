using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// <c>Project(Rank(x))</c> where the projection does not read the rank number: the <see cref="Rank"/> stops
/// outputting it. A Top-N without its number changes less (only rows entering or leaving the range), and a
/// deduplication never numbers its rows, as in Flink. The rank number is the last column, so the projection's
/// references stay valid.
/// </summary>
public sealed class RankNumberPruningRule : IPlanRule
{
    /// <inheritdoc />
    public string Name => "RankNumberPruning";

    /// <inheritdoc />
    public ApplyOrder? Order => ApplyOrder.TopDown;

    /// <inheritdoc />
    public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Project { Input: Rank { OutputRankNumber: true } rank } project)
        {
            return Transformed.No(plan);
        }

        var rankColumn = rank.Input.Schema.Count;
        if (project.Projections.Any(e => Conditions.Columns(e).Contains(rankColumn)))
        {
            return Transformed.No(plan);
        }

        return Transformed.Yes<LogicalPlan>(new Project(rank.WithRankNumber(false), project.Projections, project.Schema.Names));
    }
}
