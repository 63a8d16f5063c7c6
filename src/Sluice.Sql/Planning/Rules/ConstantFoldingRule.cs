using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// Evaluates expressions whose operands are all literals (<c>1 + 2</c>, <c>'a' || 'b'</c>, <c>CAST(1 AS BIGINT)</c>,
/// <c>NOT FALSE</c>), simplifies <c>AND</c>/<c>OR</c> with a literal operand, removes filters that are always true and
/// turns filters that are never true into empty <see cref="Values"/>. Results keep the expression's exact type;
/// anything that could fail or overflow at run time is left alone.
/// </summary>
public sealed class ConstantFoldingRule : IPlanRule
{
    /// <inheritdoc />
    public string Name => "ConstantFolding";

    /// <inheritdoc />
    public ApplyOrder? Order => ApplyOrder.BottomUp;

    /// <inheritdoc />
    public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        var expressions = plan.Expressions;
        var node = plan;
        var changed = false;
        if (expressions.Count > 0)
        {
            var folded = expressions.Select(ConstantFolder.Fold).ToArray();
            if (folded.Where((e, i) => !ReferenceEquals(e, expressions[i])).Any())
            {
                node = plan.WithExpressions(folded);
                changed = true;
            }
        }

        if (node is Filter filter && filter.Condition is BoundLiteral literal)
        {
            return literal.Value is true
                ? Transformed.Yes(filter.Input)
                : Transformed.Yes<LogicalPlan>(Values.Empty(filter.Schema));
        }

        return changed ? Transformed.Yes(node) : Transformed.No(plan);
    }
}
