using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// Recognizes Top-N and deduplication: <c>Filter(OverWindow(x, ROW_NUMBER() | RANK() | DENSE_RANK() OVER
/// (PARTITION BY k ORDER BY s)), rn &lt;= N AND ...)</c> becomes <c>Filter(Rank(x, k, s, 1..N), ...)</c>. Bounds:
/// <c>rn &lt;= N</c>, <c>rn &lt; N</c>, <c>rn = N</c>, <c>rn &gt;= M</c>, <c>rn &gt; M</c> (with an upper bound),
/// <c>rn BETWEEN M AND N</c> (after constant folding, as two comparisons). Partition and order keys that are
/// expressions (<c>PARTITION BY CARDINALITY(items)</c>) are computed by a projection below the rank, and a projection
/// above it drops them again, as Flink's planner does.
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

        if (over.Window.OrderKeys.Count == 0)
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

        var ranked = RankOver(over, function, start, last);
        return Transformed.Yes<LogicalPlan>(Conditions.And(remaining) is { } rest ? new Filter(ranked, rest) : ranked);
    }

    /// <summary>
    /// The rank of <paramref name="over"/>'s input, with the input's columns and then the rank number, like the window's
    /// output. Key expressions other than column references become extra columns of a projection below the rank.
    /// </summary>
    private static LogicalPlan RankOver(OverWindow over, FunctionDefinition function, long start, long last)
    {
        var input = over.Input;
        var width = input.Schema.Count;
        var extras = new List<BoundExpression>();
        int Column(BoundExpression key)
        {
            if (key is BoundInputRef reference)
            {
                return reference.Index;
            }

            extras.Add(key);
            return width + extras.Count - 1;
        }

        var partitionKeys = over.Window.PartitionKeys.Select(Column).ToNodeList();
        var orderColumns = over.Window.OrderKeys.Select(k => Column(k.Expression)).ToList();
        if (extras.Count == 0)
        {
            return new Rank(input, partitionKeys, over.Window.OrderKeys, function, start, last, over.Calls[0].Name);
        }

        var names = input.Schema.Names.ToHashSet(StringComparer.Ordinal);
        var extraNames = extras.Select((_, i) => Unique(names, "$rank_key" + i)).ToList();
        var below = new Project(input,
            Enumerable.Range(0, width).Select(i => (BoundExpression)new BoundInputRef(i, input.Schema[i].Name, input.Schema[i].Type)).Concat(extras),
            input.Schema.Names.Concat(extraNames));
        var orderKeys = over.Window.OrderKeys
            .Select((k, i) => k with { Expression = new BoundInputRef(orderColumns[i], below.Schema[orderColumns[i]].Name, below.Schema[orderColumns[i]].Type) })
            .ToNodeList();
        var rank = new Rank(below, partitionKeys, orderKeys, function, start, last, over.Calls[0].Name);
        var rankColumn = rank.Schema.Count - 1;
        return new Project(rank,
            Enumerable.Range(0, width).Append(rankColumn).Select(i => (BoundExpression)new BoundInputRef(i, rank.Schema[i].Name, rank.Schema[i].Type)),
            Enumerable.Range(0, width).Append(rankColumn).Select(i => rank.Schema[i].Name));
    }

    private static string Unique(HashSet<string> names, string name)
    {
        var candidate = name;
        for (var i = 0; !names.Add(candidate); i++)
        {
            candidate = name + "_" + i;
        }

        return candidate;
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
