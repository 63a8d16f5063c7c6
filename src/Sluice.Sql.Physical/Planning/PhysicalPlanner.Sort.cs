using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Operators.Rank;
using Sluice.Sql.Physical.Operators.Sort;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// <c>ORDER BY ... [LIMIT]</c>: ordered by a row time first (ascending), rows are emitted as the watermark passes
    /// them; on bounded input any order is sorted at the end (Flink's batch mode); a bare <c>LIMIT</c> passes the
    /// first rows, and over an updating result is a Top-N without partition and sort key (rows in arrival order,
    /// retractions accepted: Flink's streaming limit). <c>ORDER BY ... LIMIT</c> in any other order on unbounded input,
    /// and over an updating result, is a Top-N without partition (Flink's streaming sort-limit): an updating result of
    /// the current first rows.
    /// </summary>
    private PhysicalStream TranslateSortLimit(LogicalPlan node)
    {
        var (sort, limit) = node switch
        {
            Limit { Input: Sort s } l => (s, l),
            Limit l => ((Sort?)null, l),
            Sort s => (s, (Limit?)null),
            _ => throw new ArgumentException("Not a sort or limit.", nameof(node)),
        };
        var input = Translate(sort?.Input ?? limit!.Input);
        var schema = input.Schema;
        long? fetch = limit?.Fetch;
        var offset = limit?.Offset ?? 0;
        if (!input.IsInsertOnly && sort is null)
        {
            // Flink's StreamPhysicalLimit over an updating input: a rank with a constant sort key (arrival order) that
            // accepts retractions, so the result is always the first rows of what is currently there.
            return TranslateSortLimitAsRank(input, [], offset, fetch ?? long.MaxValue - offset);
        }

        if (!input.IsInsertOnly && fetch is null)
        {
            throw NotSupported("ORDER BY over an updating result needs a LIMIT (Flink's streaming sort-limit)");
        }

        if (sort is null)
        {
            var passing = AddVertex("limit", 1, () => new LimitOperator(schema, fetch ?? long.MaxValue, offset));
            Connect(input, passing);
            return input with { Vertex = passing };
        }

        var keys = sort.Keys.Select(k => k.Expression is BoundInputRef r
                ? new SortColumn(r.Index, !k.Descending, k.NullsFirst)
                : throw NotSupported("ORDER BY an expression is not supported in execution yet; order by a column"))
            .ToList();
        var first = keys[0];
        var rowTime = sort.Input.Schema[first.Column].TimeAttribute == TimeAttribute.RowTime && first.Ascending;
        if (fetch is { } count && (!input.IsInsertOnly || (!rowTime && !IsBounded)))
        {
            return TranslateSortLimitAsRank(input, keys, offset, count);
        }

        if (rowTime)
        {
            var others = keys.Skip(1).ToList();
            var vertex = AddVertex("sort-limit", 1, () => new SortLimitOperator(schema, first.Column, others, fetch, offset));
            Connect(input, vertex);
            return input with { Vertex = vertex };
        }

        if (!IsBounded)
        {
            throw NotSupported("ORDER BY on an unbounded input must start with an ascending time attribute (Flink's streaming sort); other orders need bounded sources");
        }

        var sorter = AddVertex("sort", 1, () => new SortOperator(schema, keys, fetch, offset));
        Connect(input, sorter);
        return input with { Vertex = sorter };
    }

    /// <summary>
    /// <c>ORDER BY keys LIMIT count OFFSET offset</c> as a <see cref="RankOperator"/> without partition keys: rows
    /// <paramref name="offset"/> + 1 .. <paramref name="offset"/> + <paramref name="count"/> by <c>ROW_NUMBER</c>, kept up to
    /// date as rows come and go (retractions of an updating input included).
    /// </summary>
    private PhysicalStream TranslateSortLimitAsRank(PhysicalStream input, List<SortColumn> keys, long offset, long count)
    {
        var schema = input.Schema;
        if (count == 0)
        {
            var empty = AddVertex("limit", 1, () => new LimitOperator(schema, 0, 0));
            Connect(input, empty);
            return new PhysicalStream(empty, schema, ChangelogMode.InsertOnly);
        }

        var sortKeys = keys.Select(k => new RankSortKey(k.Column, !k.Ascending, k.NullsFirst)).ToList();
        var range = new RankRange(offset + 1, offset + count);
        var ttl = _options.StateTtl;
        var insertOnly = input.IsInsertOnly;
        var vertex = AddVertex("sort-limit", 1,
            () => new RankOperator(schema, [], sortKeys, RankFunction.RowNumber, range, null, insertOnly, ttl));
        Connect(input, vertex, []);
        return new PhysicalStream(vertex, schema, ChangelogMode.All);
    }
}
