using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Operators.Sort;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// <c>ORDER BY ... [LIMIT]</c>: ordered by a row time first (ascending), rows are emitted as the watermark passes
    /// them; on bounded input any order is sorted at the end (Flink's batch mode); a bare <c>LIMIT</c> passes the
    /// first rows.
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
        if (!input.IsInsertOnly)
        {
            throw NotSupported("ORDER BY and LIMIT over an updating result are not supported in execution yet");
        }

        var schema = input.Schema;
        long? fetch = limit?.Fetch;
        var offset = limit?.Offset ?? 0;
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
}
