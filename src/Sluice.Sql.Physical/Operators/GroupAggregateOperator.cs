using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The unbounded <c>GROUP BY</c> aggregation of Flink SQL over a changelog: per group key it keeps the accumulators
/// of its aggregate calls (every <see cref="AggregateKind"/>, with <c>DISTINCT</c> and <c>FILTER</c>) in keyed state and
/// emits the changes of the result as a changelog. Output schema: the key columns, then one column per aggregate call.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> +I and +U rows accumulate, -U and -D rows retract (COUNT, SUM, AVG and the variances
/// arithmetically; MIN and MAX from a multiset of the values; FIRST_VALUE, LAST_VALUE and LISTAGG from the kept values
/// in arrival order; DISTINCT from a value → count multiset per call), as Flink's retractable accumulators do. A
/// retraction for a group without rows is ignored, as in Flink. Without mini-batch (Flink's default) every input row
/// emits the change it makes, in arrival order, as Flink's <c>GroupAggFunction</c>: +I(new) for a new group; -U(old)
/// then +U(new) for a changed result; -D(old) when the group's row count drops to zero (its state is cleared); nothing
/// when the result is unchanged (unless the state has a time-to-live). The state is read and written once per key and
/// input batch; the batch's changes go out as one output batch.</para>
/// <para><b>Bundles (mini-batch).</b> With <see cref="MiniBatchOptions"/> (Flink's <c>table.exec.mini-batch.*</c>)
/// input rows are buffered per key in memory, without state access, and folded into the state once per bundle: when
/// <see cref="MiniBatchOptions.Size"/> rows are buffered, when <see cref="MiniBatchOptions.AllowLatency"/> has passed
/// since the bundle's first row (processing time from the injected <see cref="TimeProvider"/>), before every checkpoint
/// barrier and at end of input. Each key touched by the bundle then emits one change, after all its rows (groups in
/// the order they first appear), so a key updated many times in a bundle emits one update.</para>
/// <para><b>State.</b> One value state per group key (<see cref="RowKey"/> of the key columns, hashed like
/// <see cref="RecordBatchKeySelector"/> so the input must be hash-partitioned by the same columns; a global aggregate
/// without keys runs at parallelism 1), with the optional time-to-live given to the constructor. Restorable at another
/// parallelism. Buffered rows are not state: the bundle is folded before the barrier, so a snapshot is complete.</para>
/// <para><b>Types.</b> SUM/AVG/variances read TINYINT..BIGINT and DECIMAL exactly (128-bit unscaled integers, so
/// DECIMAL(38, s) sums are exact) and FLOAT/DOUBLE as doubles; a result that overflows its type throws a
/// <see cref="Core.Errors.SluiceException"/> instead of wrapping. MIN/MAX/FIRST_VALUE/LAST_VALUE take every non-nested
/// type.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="BundledAggregateOperator.Open"/> creates the keyed backend and declares (restores)
/// the accumulator state; <see cref="BundledAggregateOperator.ProcessBatch(IBatch, IOutput)"/> takes ownership of each
/// input batch (kept until its bundle is folded) and emits at most one output batch per bundle;
/// <see cref="BundledAggregateOperator.PrepareSnapshotPreBarrier"/> and <see cref="BundledAggregateOperator.Finish"/>
/// fold the pending bundle.</para>
/// </remarks>
public sealed class GroupAggregateOperator : BundledAggregateOperator
{
    private const string StateName = "group-agg-accumulators";

    private readonly Aggregator _aggregator;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="keyColumns">The GROUP BY columns of the input (may be empty: a global aggregate).</param>
    /// <param name="calls">The aggregate calls.</param>
    /// <param name="stateTtl">The time-to-live of a group's state, or null to keep it forever.</param>
    /// <param name="insertOnlyInput">True when the input never retracts: MIN and MAX then keep one value per group instead of a multiset.</param>
    /// <param name="miniBatch">Mini-batch buffering (Flink's <c>table.exec.mini-batch.*</c>), or null to emit a change per input row.</param>
    /// <exception cref="ArgumentException">A column is out of range, or a call's argument or result type does not fit its function.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The mini-batch latency or size is not positive.</exception>
    public GroupAggregateOperator(Schema inputSchema, int[] keyColumns, IReadOnlyList<AggregateCall> calls, StateTtlConfig? stateTtl = null,
        bool insertOnlyInput = false, MiniBatchOptions? miniBatch = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(calls);
        var keyEncoder = new RowEncoder(inputSchema, keyColumns);
        _aggregator = new Aggregator(inputSchema, calls, insertOnlyInput);
        var fields = new List<Field>();
        foreach (var key in keyColumns)
        {
            fields.Add(inputSchema[key]);
        }

        fields.AddRange(_aggregator.ResultFields);
        OutputSchema = OutputSchemas.Unique(fields);
        Aggregation = new BundledGroupAggregation(StateName, _aggregator, keyEncoder, OutputSchema, stateTtl, miniBatch, FoldRow,
            _aggregator.AccumulateRows, perRow: true);
    }

    /// <summary>The output schema: the key columns, then one column per aggregate call.</summary>
    public Schema OutputSchema { get; }

    private void FoldRow(AccumulatorSet accumulators, RecordBatch batch, int physicalRow)
    {
        var additive = batch.GetRowKind(physicalRow).IsAdditive();
        if (additive || accumulators.RowCount > 0)
        {
            _aggregator.Apply(accumulators, batch, physicalRow, retract: !additive);
        }
    }
}
