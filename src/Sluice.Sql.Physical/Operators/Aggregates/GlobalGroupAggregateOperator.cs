using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The global phase of a two-phase (local-global) <c>GROUP BY</c>, as Flink's <c>GlobalGroupAggregate</c>: after the hash
/// exchange, it merges the partial accumulators of <see cref="LocalGroupAggregateOperator"/> into per-key accumulators in
/// keyed state and emits the same changelog as the one-phase <see cref="GroupAggregateOperator"/>: per changed key
/// +I(new), -U(old) +U(new), or -D(old) when its row count drops to zero; nothing when its result did not change.
/// </summary>
/// <remarks>
/// <para><b>Input</b>: rows of <see cref="LocalGroupAggregateOperator.PartialSchema"/> for the same input schema, keys,
/// calls and <c>insertOnlyInput</c> (the accumulators are read by the same functions), hash-partitioned by the key
/// columns (the first columns). A partial whose net row count is not positive for a key without rows is ignored, as the
/// one-phase aggregate ignores retractions of a group without rows.</para>
/// <para><b>Bundles and state</b> as <see cref="GroupAggregateOperator"/>: with <see cref="MiniBatchOptions"/> partials
/// are buffered and merged once per bundle (also before every barrier and at end of input); the state is one
/// accumulator set per key, restorable at another parallelism.</para>
/// <para><b>Threading.</b> Task thread only.</para>
/// </remarks>
public sealed class GlobalGroupAggregateOperator : BundledAggregateOperator
{
    private const string StateName = "global-group-agg-accumulators";

    private readonly Aggregator _aggregator;
    private readonly int _keyCount;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the rows the local phase aggregated (not the partials').</param>
    /// <param name="keyColumns">The GROUP BY columns of that schema.</param>
    /// <param name="calls">The aggregate calls (as given to the local phase).</param>
    /// <param name="stateTtl">The time-to-live of a group's state, or null.</param>
    /// <param name="insertOnlyInput">As given to the local phase.</param>
    /// <param name="miniBatch">Mini-batch buffering, or null to merge every input batch at once.</param>
    /// <exception cref="ArgumentException">A call is malformed.</exception>
    public GlobalGroupAggregateOperator(Schema inputSchema, int[] keyColumns, IReadOnlyList<AggregateCall> calls, StateTtlConfig? stateTtl = null,
        bool insertOnlyInput = false, MiniBatchOptions? miniBatch = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(calls);
        _aggregator = new Aggregator(inputSchema, calls, insertOnlyInput);
        _keyCount = keyColumns.Length;
        PartialSchema = LocalGroupAggregateOperator.PartialSchema(inputSchema, keyColumns, calls);
        var fields = keyColumns.Select(k => inputSchema[k]).ToList();
        fields.AddRange(_aggregator.ResultFields);
        OutputSchema = OutputSchemas.Unique(fields);
        var keyEncoder = new RowEncoder(PartialSchema, Enumerable.Range(0, _keyCount).ToArray());
        Aggregation = new BundledGroupAggregation(StateName, _aggregator, keyEncoder, OutputSchema, stateTtl, miniBatch, MergePartial);
    }

    /// <summary>The schema of the partials this operator reads.</summary>
    public Schema PartialSchema { get; }

    /// <summary>The output schema: the key columns, then one column per aggregate call.</summary>
    public Schema OutputSchema { get; }

    private void MergePartial(AccumulatorSet accumulators, RecordBatch batch, int physicalRow)
    {
        var count = ((PrimitiveVector<long>)batch.Column(_keyCount)).Values[physicalRow];
        if (count <= 0 && accumulators.RowCount <= 0)
        {
            return;
        }

        var functions = _aggregator.Functions;
        var partial = new object[functions.Count];
        for (var i = 0; i < partial.Length; i++)
        {
            var bytes = ((BytesVector)batch.Column(_keyCount + 1 + i)).GetBytes(physicalRow).ToArray();
            partial[i] = functions[i].Read(new BinaryBufferReader(bytes));
        }

        _aggregator.Merge(accumulators, new AccumulatorSet(partial) { RowCount = count });
    }
}
