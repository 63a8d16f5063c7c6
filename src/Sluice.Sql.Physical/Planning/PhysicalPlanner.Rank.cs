using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Rank;
using Sluice.Sql.Planning;
using RankNode = Sluice.Sql.Planning.Rank;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private PhysicalStream TranslateRank(RankNode rank)
    {
        var input = Translate(rank.Input);
        var keys = rank.PartitionKeys.ToArray();
        var schema = input.Schema;
        var ttl = _options.StateTtl;
        var windowEnd = keys.FirstOrDefault(k => rank.Input.Schema[k].Window == WindowProperty.WindowEnd, -1);
        if (input.IsInsertOnly && windowEnd >= 0 && keys.Any(k => rank.Input.Schema[k].Window == WindowProperty.WindowStart))
        {
            return TranslateWindowRank(rank, input, keys, windowEnd);
        }

        if (rank.IsDeduplication && input.IsInsertOnly && !rank.OutputRankNumber)
        {
            var time = ((BoundInputRef)rank.OrderKeys[0].Expression).Index;
            var keep = rank.OrderKeys[0].Descending ? DeduplicateKeep.LastRow : DeduplicateKeep.FirstRow;
            var rowTime = rank.Input.Schema[time].TimeAttribute == TimeAttribute.RowTime;
            var dedup = AddVertex("deduplicate", KeyedParallelism(keys.Length), rowTime
                ? () => new RowTimeDeduplicateOperator(schema, keys, time, keep, true, ttl)
                : () => new DeduplicateOperator(schema, keys, keep, true, ttl));
            Connect(input, dedup, keys);
            var mode = keep == DeduplicateKeep.FirstRow && !rowTime ? ChangelogMode.InsertOnly : ChangelogMode.All;
            return new PhysicalStream(dedup, SchemaOf(rank), mode, keys);
        }

        var function = ReferenceEquals(rank.Function, BuiltInFunctions.RowNumber) ? RankFunction.RowNumber
            : ReferenceEquals(rank.Function, BuiltInFunctions.Rank) ? RankFunction.Rank
            : RankFunction.DenseRank;
        var sortKeys = rank.OrderKeys
            .Select(k => new RankSortKey(((BoundInputRef)k.Expression).Index, k.Descending, k.NullsFirst))
            .ToList();
        var range = new RankRange(rank.RankStart, rank.RankEnd);
        var rankName = rank.OutputRankNumber ? rank.RankName : null;
        var insertOnly = input.IsInsertOnly;
        var vertex = AddVertex("rank", KeyedParallelism(keys.Length),
            () => new RankOperator(schema, keys, sortKeys, function, range, rankName, insertOnly, ttl));
        Connect(input, vertex, keys);
        return new PhysicalStream(vertex, SchemaOf(rank), ChangelogMode.All);
    }

    /// <summary>Window Top-N and window deduplication: ranks per window, emitted once the window is complete.</summary>
    private PhysicalStream TranslateWindowRank(RankNode rank, PhysicalStream input, int[] keys, int windowEnd)
    {
        var schema = input.Schema;
        var zone = WindowEndZone(rank.Input);
        JobVertexFactory factory;
        if (rank.IsDeduplication && !rank.OutputRankNumber)
        {
            var time = ((BoundInputRef)rank.OrderKeys[0].Expression).Index;
            var keep = rank.OrderKeys[0].Descending ? DeduplicateKeep.LastRow : DeduplicateKeep.FirstRow;
            factory = () => WindowRankOperator.Deduplicate(schema, keys, windowEnd, time, keep, zone);
        }
        else
        {
            var function = ReferenceEquals(rank.Function, BuiltInFunctions.RowNumber) ? RankFunction.RowNumber
                : ReferenceEquals(rank.Function, BuiltInFunctions.Rank) ? RankFunction.Rank
                : RankFunction.DenseRank;
            var sortKeys = rank.OrderKeys
                .Select(k => new RankSortKey(((BoundInputRef)k.Expression).Index, k.Descending, k.NullsFirst))
                .ToList();
            var range = new RankRange(rank.RankStart, rank.RankEnd);
            var rankName = rank.OutputRankNumber ? rank.RankName : null;
            factory = () => new WindowRankOperator(schema, keys, windowEnd, sortKeys, function, range, rankName) { WindowEndZone = zone };
        }

        var vertex = AddVertex("window-rank", KeyedParallelism(keys.Length), () => factory());
        Connect(input, vertex, keys);
        return new PhysicalStream(vertex, SchemaOf(rank), ChangelogMode.InsertOnly);
    }

    private delegate Runtime.Operators.StreamOperator JobVertexFactory();
}
