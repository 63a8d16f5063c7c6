using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// Pushes filters into joins: conjuncts of a <c>WHERE</c> over a join that read only one side move below the join
/// when that side is not padded with nulls by the join (left side of INNER/LEFT/SEMI/ANTI, right side of
/// INNER/RIGHT); the other conjuncts of a filter over an INNER join join its condition. For INNER joins, conjuncts
/// of the <c>ON</c> condition that read one side move below too. The join then sees fewer rows and keeps less state.
/// </summary>
public sealed class FilterIntoJoinRule : IPlanRule
{
    /// <inheritdoc />
    public string Name => "FilterIntoJoin";

    /// <inheritdoc />
    public ApplyOrder? Order => ApplyOrder.TopDown;

    /// <inheritdoc />
    public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        var (join, above) = plan switch
        {
            Filter { Input: Join j } f => (j, Conditions.Conjuncts(f.Condition)),
            Join j when j.JoinType == JoinType.Inner => (j, new List<BoundExpression>()),
            _ => (null, []),
        };
        if (join is null)
        {
            return Transformed.No(plan);
        }

        var leftCount = join.Left.Schema.Count;
        var pushLeft = join.JoinType is JoinType.Inner or JoinType.Left or JoinType.Semi or JoinType.Anti;
        var pushRight = join.JoinType is JoinType.Inner or JoinType.Right;
        var left = new List<BoundExpression>();
        var right = new List<BoundExpression>();
        var remaining = new List<BoundExpression>();
        var condition = Conditions.Conjuncts(join.Condition);
        var changed = false;
        foreach (var conjunct in above)
        {
            var side = Conditions.SideOf(conjunct, leftCount);
            if (side == JoinSide.Left && pushLeft && Conditions.IsDeterministic(conjunct))
            {
                left.Add(conjunct);
                changed = true;
            }
            else if (side == JoinSide.Right && pushRight && Conditions.IsDeterministic(conjunct) && join.JoinType is not (JoinType.Semi or JoinType.Anti))
            {
                right.Add(Conditions.Shift(conjunct, -leftCount));
                changed = true;
            }
            else if (join.JoinType == JoinType.Inner && side != JoinSide.None)
            {
                condition.Add(conjunct);
                changed = true;
            }
            else
            {
                remaining.Add(conjunct);
            }
        }

        if (join.JoinType == JoinType.Inner)
        {
            var kept = new List<BoundExpression>();
            foreach (var conjunct in condition)
            {
                var side = Conditions.SideOf(conjunct, leftCount);
                if (side == JoinSide.Left && Conditions.IsDeterministic(conjunct))
                {
                    left.Add(conjunct);
                    changed = true;
                }
                else if (side == JoinSide.Right && Conditions.IsDeterministic(conjunct))
                {
                    right.Add(Conditions.Shift(conjunct, -leftCount));
                    changed = true;
                }
                else
                {
                    kept.Add(conjunct);
                }
            }

            condition = kept;
        }

        if (!changed)
        {
            return Transformed.No(plan);
        }

        var newLeft = Conditions.And(left) is { } l ? new Filter(join.Left, l) : join.Left;
        var newRight = Conditions.And(right) is { } r ? new Filter(join.Right, r) : join.Right;
        var newJoin = new Join(newLeft, newRight, join.JoinType, Conditions.And(condition) ?? BoundLiteral.True);
        return Transformed.Yes<LogicalPlan>(Conditions.And(remaining) is { } rest ? new Filter(newJoin, rest) : newJoin);
    }
}
