using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// Makes equi-join keys plain columns: an equality of the join condition between an expression of one side and an
/// expression of the other (<c>ON MOD(a.x, 10) = b.k</c>, or <c>a.int_col = b.bigint_col</c>, which binds as
/// <c>CAST(a.int_col AS BIGINT) = b.bigint_col</c>) is computed below the join as an extra column of that side, so the
/// join compares columns (and hashes both sides by them); a projection above the join drops the extra columns again.
/// </summary>
public sealed class JoinKeyExpressionRule : IPlanRule
{
    /// <inheritdoc />
    public string Name => "JoinKeyExpression";

    /// <inheritdoc />
    public ApplyOrder? Order => ApplyOrder.TopDown;

    /// <inheritdoc />
    public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Join join)
        {
            return Transformed.No(plan);
        }

        var leftCount = join.Left.Schema.Count;
        var rightCount = join.Right.Schema.Count;
        var leftExtra = new List<BoundExpression>();
        var rightExtra = new List<BoundExpression>();
        var pairs = new List<(int Conjunct, int Left, int Right)>();
        var conjuncts = Conditions.Conjuncts(join.Condition);
        for (var i = 0; i < conjuncts.Count; i++)
        {
            if (conjuncts[i] is not BoundCall { Operands.Count: 2 } call || !ReferenceEquals(call.Function, BuiltInFunctions.EqualTo)
                || !Conditions.IsDeterministic(call))
            {
                continue;
            }

            var (a, b) = (call.Operands[0], call.Operands[1]);
            var (sideA, sideB) = (Conditions.SideOf(a, leftCount), Conditions.SideOf(b, leftCount));
            if (sideA == JoinSide.Right && sideB == JoinSide.Left)
            {
                (a, b, sideA, sideB) = (b, a, sideB, sideA);
            }

            if (sideA != JoinSide.Left || sideB != JoinSide.Right || (a is BoundInputRef && b is BoundInputRef))
            {
                continue;
            }

            var left = a is BoundInputRef l ? l.Index : leftCount + Add(leftExtra, a);
            var right = b is BoundInputRef r ? r.Index - leftCount : rightCount + Add(rightExtra, Conditions.Shift(b, -leftCount));
            pairs.Add((i, left, right));
        }

        if (pairs.Count == 0)
        {
            return Transformed.No(plan);
        }

        var newLeft = Extend(join.Left, leftExtra, "$left_key");
        var newRight = Extend(join.Right, rightExtra, "$right_key");
        var shift = leftExtra.Count;

        // The condition over the new row: right columns move past the left's extra columns; the pairs compare columns.
        var rewritten = conjuncts.Select(c => c.Transform(e => e is BoundInputRef r && r.Index >= leftCount ? r with { Index = r.Index + shift } : e)).ToList();
        var joinedLeft = newLeft.Schema;
        var joinedRight = newRight.Schema;
        foreach (var (conjunct, left, right) in pairs)
        {
            var leftRef = new BoundInputRef(left, joinedLeft[left].Name, joinedLeft[left].Type);
            var rightRef = new BoundInputRef(joinedLeft.Count + right, joinedRight[right].Name, joinedRight[right].Type);
            rewritten[conjunct] = ((BoundCall)conjuncts[conjunct]) with { Operands = new[] { (BoundExpression)leftRef, rightRef }.ToNodeList() };
        }

        var newJoin = new Join(newLeft, newRight, join.JoinType, Conditions.And(rewritten) ?? BoundLiteral.True);
        var keep = join.JoinType is JoinType.Semi or JoinType.Anti
            ? Enumerable.Range(0, leftCount)
            : Enumerable.Range(0, leftCount).Concat(Enumerable.Range(joinedLeft.Count, rightCount));
        var output = keep.Select(i => (BoundExpression)new BoundInputRef(i, newJoin.Schema[i].Name, newJoin.Schema[i].Type)).ToList();
        return Transformed.Yes<LogicalPlan>(new Project(newJoin, output, join.Schema.Names));
    }

    private static int Add(List<BoundExpression> extra, BoundExpression expression)
    {
        var index = extra.IndexOf(expression);
        if (index < 0)
        {
            extra.Add(expression);
            index = extra.Count - 1;
        }

        return index;
    }

    private static LogicalPlan Extend(LogicalPlan input, List<BoundExpression> extra, string prefix)
    {
        if (extra.Count == 0)
        {
            return input;
        }

        var columns = input.Schema.Select((c, i) => (BoundExpression)new BoundInputRef(i, c.Name, c.Type)).Concat(extra);
        var names = input.Schema.Names.Concat(extra.Select((_, i) => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new Project(input, columns, PlanSchema.Uniquify(names));
    }
}
