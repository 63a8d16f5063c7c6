using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// Recognizes Top-N and deduplication: <c>Filter(OverWindow(x, ROW_NUMBER() | RANK() | DENSE_RANK() OVER
/// (PARTITION BY k ORDER BY s)), rn &lt;= N AND ...)</c> becomes <c>Filter(Rank(x, k, s, 1..N), ...)</c>. Bounds:
/// <c>rn &lt;= N</c>, <c>rn &lt; N</c>, <c>rn = N</c>, <c>rn &gt;= M</c>, <c>rn &gt; M</c> (with an upper bound),
/// <c>rn BETWEEN M AND N</c> (after constant folding, as two comparisons). Partition keys must be columns.
/// </summary>
public sealed class RankRecognitionRule : IPlanRule
{
    /// <inheritdoc />
    public string Name => "RankRecognition";

    /// <inheritdoc />
    public ApplyOrder? Order => ApplyOrder.TopDown;

    /// <inheritdoc />
    public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Filter { Input: OverWindow over } filter || over.Calls.Count != 1)
        {
            return Transformed.No(plan);
        }

        var function = over.Calls[0].Function;
        if (!ReferenceEquals(function, BuiltInFunctions.RowNumber) && !ReferenceEquals(function, BuiltInFunctions.Rank)
            && !ReferenceEquals(function, BuiltInFunctions.DenseRank))
        {
            return Transformed.No(plan);
        }

        if (over.Window.PartitionKeys.Any(k => k is not BoundInputRef) || over.Window.OrderKeys.Count == 0
            || over.Window.OrderKeys.Any(k => k.Expression is not BoundInputRef))
        {
            return Transformed.No(plan);
        }

        var rankColumn = over.Input.Schema.Count;
        long start = 1;
        long? end = null;
        var remaining = new List<BoundExpression>();
        foreach (var conjunct in Conditions.Conjuncts(filter.Condition))
        {
            if (TryBound(conjunct, rankColumn, out var lower, out var upper))
            {
                start = Math.Max(start, lower ?? 1);
                end = upper is { } u ? Math.Min(end ?? long.MaxValue, u) : end;
            }
            else
            {
                remaining.Add(conjunct);
            }
        }

        if (end is not { } last)
        {
            return Transformed.No(plan);
        }

        var rank = new Rank(over.Input, over.Window.PartitionKeys.Select(k => ((BoundInputRef)k).Index).ToNodeList(),
            over.Window.OrderKeys, function, start, last, over.Calls[0].Name);
        return Transformed.Yes<LogicalPlan>(Conditions.And(remaining) is { } rest ? new Filter(rank, rest) : rank);
    }

    private static bool TryBound(BoundExpression conjunct, int rankColumn, out long? lower, out long? upper)
    {
        lower = null;
        upper = null;
        if (conjunct is not BoundCall { Operands.Count: 2 } call)
        {
            return false;
        }

        var (column, literal, flipped) = call.Operands[0] is BoundInputRef r0 && call.Operands[1] is BoundLiteral l1
            ? (r0, l1, false)
            : call.Operands[1] is BoundInputRef r1 && call.Operands[0] is BoundLiteral l0 ? (r1, l0, true) : (null, null, false);
        if (column is null || column.Index != rankColumn || literal!.Value is not (long or int or short or sbyte or decimal))
        {
            return false;
        }

        var value = Convert.ToInt64(literal.Value, System.Globalization.CultureInfo.InvariantCulture);
        var f = call.Function;
        if (flipped)
        {
            f = ReferenceEquals(f, BuiltInFunctions.LessThan) ? BuiltInFunctions.GreaterThan
                : ReferenceEquals(f, BuiltInFunctions.LessThanOrEqual) ? BuiltInFunctions.GreaterThanOrEqual
                : ReferenceEquals(f, BuiltInFunctions.GreaterThan) ? BuiltInFunctions.LessThan
                : ReferenceEquals(f, BuiltInFunctions.GreaterThanOrEqual) ? BuiltInFunctions.LessThanOrEqual
                : f;
        }

        if (ReferenceEquals(f, BuiltInFunctions.EqualTo))
        {
            (lower, upper) = (value, value);
        }
        else if (ReferenceEquals(f, BuiltInFunctions.LessThanOrEqual))
        {
            upper = value;
        }
        else if (ReferenceEquals(f, BuiltInFunctions.LessThan))
        {
            upper = value - 1;
        }
        else if (ReferenceEquals(f, BuiltInFunctions.GreaterThanOrEqual))
        {
            lower = value;
        }
        else if (ReferenceEquals(f, BuiltInFunctions.GreaterThan))
        {
            lower = value + 1;
        }
        else
        {
            return false;
        }

        return true;
    }
}
