using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Ast;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// Partition pruning (Flink's <c>SupportsPartitionPushDown</c>): the conjuncts of a filter directly over a scan that
/// read only partition columns (and are deterministic) are compiled over the partition columns and handed to a source
/// that implements <see cref="ISupportsPartitionPushDown"/>, which then skips the partitions they reject. The filter
/// itself stays in the plan.
/// </summary>
public sealed partial class PhysicalPlanner
{
    private readonly Dictionary<TableScan, BoundExpression> _scanConditions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TableScan, string> _pushedPartitions = new(ReferenceEqualityComparer.Instance);

    /// <summary>Remembers <paramref name="condition"/> when it filters a scan directly, before the scan is translated.</summary>
    private void NoteScanCondition(LogicalPlan input, BoundExpression condition)
    {
        if (input is TableScan scan && scan.Table.PartitionKeys.Count > 0 && !_translated.ContainsKey(scan))
        {
            _scanConditions[scan] = condition;
        }
    }

    /// <summary>
    /// Whether <paramref name="node"/> may reuse the stream of its equal <paramref name="translated"/>: two scans of one
    /// table share a source only when the same partition filter is pushed into both (a source that skips partitions
    /// for one of them would drop rows the other reads).
    /// </summary>
    private bool SamePartitionFilter(LogicalPlan node, LogicalPlan translated) =>
        node is not TableScan scan || translated is not TableScan first
        || Equals(_scanConditions.GetValueOrDefault(scan), _scanConditions.GetValueOrDefault(first));

    /// <summary>The source with the partition conditions of <paramref name="scan"/> pushed into it, or the source unchanged.</summary>
    private ITableSource PushPartitionFilter(ITableSource source, TableScan scan)
    {
        if (source is not ISupportsPartitionPushDown pushDown || !_scanConditions.TryGetValue(scan, out var condition) || pushDown.PartitionKeys.Count == 0)
        {
            return source;
        }

        var scanSchema = SchemaOf(scan);
        var keys = pushDown.PartitionKeys;
        var keyIndexes = keys.Select(scanSchema.IndexOf).ToArray();
        if (keyIndexes.Any(i => i < 0))
        {
            return source;
        }

        var pushed = new List<BoundExpression>();
        foreach (var conjunct in Conjuncts(condition))
        {
            var columns = new HashSet<int>();
            var deterministic = true;
            conjunct.Transform(e =>
            {
                switch (e)
                {
                    case BoundInputRef r:
                        columns.Add(r.Index);
                        break;
                    case BoundCall { Function.IsDeterministic: false }:
                        deterministic = false;
                        break;
                }

                return e;
            });
            if (deterministic && columns.Count > 0 && columns.All(keyIndexes.Contains))
            {
                pushed.Add(conjunct.Transform(e => e is BoundInputRef r ? r with { Index = Array.IndexOf(keyIndexes, r.Index) } : e));
            }
        }

        if (pushed.Count == 0)
        {
            return source;
        }

        var predicate = pushed.Aggregate((a, b) => new BoundCall(BuiltInFunctions.And, NodeList.Of(a, b), Core.Types.DataTypes.Boolean()));
        var keySchema = new Core.Schemas.Schema(keyIndexes.Select(i => scanSchema[i]));
        var compiled = ExpressionCompiler.CompilePredicate(predicate, keySchema, ExpressionEnvironment.Default with { SessionTimeZone = _options.SessionTimeZone });
        var description = string.Join(" AND ", pushed.Select(p => p.ToString()));
        _pushedPartitions[scan] = description;
        return pushDown.ApplyPartitionFilter(batch =>
        {
            var kept = new bool[batch.RowCount];
            var rows = new int[batch.RowCount];
            var count = compiled.Filter(batch, rows);
            for (var i = 0; i < count; i++)
            {
                kept[rows[i]] = true;
            }

            return kept;
        }, description);
    }

    /// <summary>The <c>EXPLAIN</c> detail of a scan whose source got partition conditions.</summary>
    private void AppendPartitionExplain(LogicalPlan node)
    {
        if (node is TableScan scan && _pushedPartitions.TryGetValue(scan, out var partitions))
        {
            _explain.Append(", partitions=[").Append(partitions).Append(']');
        }
    }
}
