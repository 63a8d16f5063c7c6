using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// The time bounds of an interval join, found in a join condition (Flink's <c>IntervalJoinUtil</c>): conjuncts that
/// compare a time attribute of each side, optionally shifted by an interval literal, such that
/// <c>lower ≤ leftTime - rightTime ≤ upper</c>. Both a lower and an upper bound are needed.
/// </summary>
/// <param name="LeftTime">The time attribute column of the left input.</param>
/// <param name="RightTime">The time attribute column of the right input.</param>
/// <param name="LowerMillis">The lower bound of <c>leftTime - rightTime</c>, in milliseconds.</param>
/// <param name="LowerInclusive">Whether the lower bound is included.</param>
/// <param name="UpperMillis">The upper bound of <c>leftTime - rightTime</c>, in milliseconds.</param>
/// <param name="UpperInclusive">Whether the upper bound is included.</param>
/// <param name="Remaining">The conjuncts that are not time bounds (may still hold equalities), or null.</param>
internal sealed record IntervalJoinCondition(int LeftTime, int RightTime, long LowerMillis, bool LowerInclusive, long UpperMillis, bool UpperInclusive,
    BoundExpression? Remaining)
{
    /// <summary>Finds the bounds in <paramref name="condition"/> of a join of <paramref name="left"/> and <paramref name="right"/>.</summary>
    public static IntervalJoinCondition? TryFind(BoundExpression condition, PlanSchema left, PlanSchema right)
    {
        var leftCount = left.Count;
        int? leftTime = null;
        int? rightTime = null;
        long? lower = null;
        long? upper = null;
        var lowerInclusive = false;
        var upperInclusive = false;
        var remaining = new List<BoundExpression>();
        foreach (var conjunct in PhysicalPlanner.Conjuncts(condition))
        {
            if (conjunct is BoundCall { Operands.Count: 2 } call && Comparison(call.Function) is { } op
                && Shifted(call.Operands[0]) is { } a && Shifted(call.Operands[1]) is { } b
                && (a.Column < leftCount) != (b.Column < leftCount))
            {
                // a.col + a.shift  op  b.col + b.shift
                var (l, r, flip) = a.Column < leftCount ? (a, b, false) : (b, a, true);
                var lt = l.Column;
                var rt = r.Column - leftCount;
                if (!IsTime(left, lt) || !IsTime(right, rt) || (leftTime is { } x && x != lt) || (rightTime is { } y && y != rt))
                {
                    remaining.Add(conjunct);
                    continue;
                }

                leftTime = lt;
                rightTime = rt;
                // l + ls op r + rs  ⇔  lt - rt op rs - ls (with op flipped when the left time was on the right-hand side).
                var bound = r.ShiftMillis - l.ShiftMillis;
                var effective = flip ? Flip(op) : op;
                switch (effective)
                {
                    case "<":
                    case "<=":
                        if (upper is null || bound < upper || (bound == upper && effective == "<"))
                        {
                            upper = bound;
                            upperInclusive = effective == "<=";
                        }

                        break;
                    default:
                        if (lower is null || bound > lower || (bound == lower && effective == ">"))
                        {
                            lower = bound;
                            lowerInclusive = effective == ">=";
                        }

                        break;
                }
            }
            else
            {
                remaining.Add(conjunct);
            }
        }

        if (lower is not { } lo || upper is not { } up || leftTime is not { } lT || rightTime is not { } rT)
        {
            return null;
        }

        BoundExpression? rest = remaining.Count switch
        {
            0 => null,
            _ => remaining.Aggregate((x, y) => BoundCall.Create(BuiltInFunctions.And,
                Core.Types.DataTypes.Boolean().WithNullability(x.Type.IsNullable || y.Type.IsNullable), x, y)),
        };
        return new IntervalJoinCondition(lT, rT, lo, lowerInclusive, up, upperInclusive, rest);
    }

    private static bool IsTime(PlanSchema schema, int column) => schema[column].TimeAttribute != TimeAttribute.None;

    private static string? Comparison(FunctionDefinition f) =>
        ReferenceEquals(f, BuiltInFunctions.LessThan) ? "<"
        : ReferenceEquals(f, BuiltInFunctions.LessThanOrEqual) ? "<="
        : ReferenceEquals(f, BuiltInFunctions.GreaterThan) ? ">"
        : ReferenceEquals(f, BuiltInFunctions.GreaterThanOrEqual) ? ">="
        : null;

    private static string Flip(string op) => op switch
    {
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        _ => "<=",
    };

    /// <summary>A column plus or minus an interval literal: (column, shift in ms); null for anything else.</summary>
    private static (int Column, long ShiftMillis)? Shifted(BoundExpression expression)
    {
        switch (expression)
        {
            case BoundInputRef r:
                return (r.Index, 0);
            case BoundCast { Operand: var inner }:
                return Shifted(inner);
            case BoundCall { Operands.Count: 2 } call when call.Operands[0] is BoundInputRef r
                && call.Operands[1] is BoundLiteral { Value: TimeSpan span }:
                if (ReferenceEquals(call.Function, BuiltInFunctions.Plus))
                {
                    return (r.Index, (long)span.TotalMilliseconds);
                }

                if (ReferenceEquals(call.Function, BuiltInFunctions.Minus))
                {
                    return (r.Index, -(long)span.TotalMilliseconds);
                }

                return null;
            default:
                return null;
        }
    }
}
