using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Runtime.Operators;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The local phase of a two-phase (local-global) <c>GROUP BY</c>, as Flink's <c>LocalGroupAggregate</c>: before the hash
/// exchange, it folds the rows of a bundle into one in-memory accumulator set per key and, when the bundle ends, emits
/// per key one insert-only row of partial accumulators that <see cref="GlobalGroupAggregateOperator"/> merges into its
/// state. Stateless: nothing survives a bundle.
/// </summary>
/// <remarks>
/// <para><b>Output</b> (<see cref="PartialSchema"/>): the key columns, <c>$count</c> (the bundle's net row count of the
/// key: additions minus retractions), then one <c>VARBINARY</c> column per call holding its accumulator as the call's
/// function writes it into state. +I and +U rows accumulate, -U and -D rows retract (the net may be negative: the
/// global phase knows whether the key had rows).</para>
/// <para><b>Bundles.</b> Without <see cref="MiniBatchOptions"/> each input batch is a bundle. With them a bundle ends
/// when it holds <see cref="MiniBatchOptions.Size"/> rows, when <see cref="MiniBatchOptions.AllowLatency"/> has passed
/// since its first row, before every checkpoint barrier (so the partials precede the barrier and no row is lost or
/// counted twice across a restore) and at end of input.</para>
/// <para><b>Calls.</b> Only calls whose accumulators merge exactly (the planner checks <see cref="CanMerge"/>).</para>
/// <para><b>Threading.</b> Task thread only.</para>
/// </remarks>
public sealed class LocalGroupAggregateOperator : StreamOperator
{
    /// <summary>The name of the column of the net row count in <see cref="PartialSchema"/>.</summary>
    public const string CountColumnName = "$count";

    private readonly Aggregator _aggregator;
    private readonly RowEncoder _keyEncoder;
    private readonly RowKeyCache _keys;
    private readonly MiniBatchOptions? _miniBatch;
    private readonly int _keyCount;
    private readonly Dictionary<RowKey, AccumulatorSet> _sets = [];
    private readonly List<RowKey> _order = [];
    private readonly BinaryBufferWriter _scratch = new();
    private RecordBatchBuilder? _builder;
    private IDisposable? _deadline;
    private long _bufferedRows;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="keyColumns">The GROUP BY columns (may be empty).</param>
    /// <param name="calls">The aggregate calls; each must be able to merge (<see cref="CanMerge"/>).</param>
    /// <param name="insertOnlyInput">As for <see cref="GroupAggregateOperator"/>; the global phase must be given the same value.</param>
    /// <param name="miniBatch">Mini-batch bundles, or null for one bundle per input batch.</param>
    /// <exception cref="ArgumentException">A call is malformed, or cannot merge its accumulators.</exception>
    public LocalGroupAggregateOperator(Schema inputSchema, int[] keyColumns, IReadOnlyList<AggregateCall> calls, bool insertOnlyInput = false,
        MiniBatchOptions? miniBatch = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(calls);
        miniBatch?.Validate();
        foreach (var call in calls)
        {
            if (!CanMerge(call))
            {
                throw new ArgumentException($"Aggregate {call.Name} ({call}) cannot merge partial accumulators, so it cannot run in two phases.", nameof(calls));
            }
        }

        _aggregator = new Aggregator(inputSchema, calls, insertOnlyInput);
        _keyEncoder = new RowEncoder(inputSchema, keyColumns);
        _keys = new RowKeyCache(_keyEncoder);
        _miniBatch = miniBatch;
        _keyCount = keyColumns.Length;
        OutputSchema = PartialSchema(inputSchema, keyColumns, calls);
    }

    /// <summary>The output schema (<see cref="PartialSchema"/>).</summary>
    public Schema OutputSchema { get; }

    /// <summary>The number of input rows folded into the current bundle.</summary>
    public long BufferedRows => _bufferedRows;

    /// <summary>
    /// True when <paramref name="call"/>'s partial accumulators can be merged exactly, whatever order the partials
    /// arrive in: COUNT, SUM, $SUM0, AVG, MIN, MAX and the variances without DISTINCT, and C# aggregate functions with a
    /// <c>Merge</c> method. Order-dependent calls (FIRST_VALUE, LAST_VALUE, LISTAGG), DISTINCT, COLLECT and SINGLE_VALUE
    /// keep one phase, as in Flink.
    /// </summary>
    public static bool CanMerge(AggregateCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.IsDistinct)
        {
            return false;
        }

        return call.Kind switch
        {
            AggregateKind.CountStar or AggregateKind.Count or AggregateKind.Sum or AggregateKind.Sum0 or AggregateKind.Avg
                or AggregateKind.Min or AggregateKind.Max or AggregateKind.StddevPop or AggregateKind.StddevSamp
                or AggregateKind.VarPop or AggregateKind.VarSamp => true,
            AggregateKind.UserDefined => call.UserDefined?.Merge is not null,
            _ => false,
        };
    }

    /// <summary>The schema of partial accumulators: the key columns, <c>$count</c> BIGINT, then one BYTES column per call.</summary>
    public static Schema PartialSchema(Schema inputSchema, int[] keyColumns, IReadOnlyList<AggregateCall> calls)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(calls);
        var fields = keyColumns.Select(k => inputSchema[k]).ToList();
        fields.Add(new Field(CountColumnName, DataTypes.BigInt().NotNull()));
        fields.AddRange(calls.Select(c => new Field("$acc$" + c.Name, DataTypes.Bytes().NotNull())));
        return OutputSchemas.Unique(fields);
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _builder = new RecordBatchBuilder(OutputSchema, 1024);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(LocalGroupAggregateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            var key = _keys.KeyOf(records, row);
            if (!_sets.TryGetValue(key, out var set))
            {
                set = _aggregator.CreateSet();
                _sets.Add(key, set);
                _order.Add(key);
            }

            _aggregator.Apply(set, records, row, retract: !records.GetRowKind(row).IsAdditive());
        }

        _bufferedRows += records.RowCount;
        if (_miniBatch is not { } miniBatch || _bufferedRows >= miniBatch.Size)
        {
            Flush(output);
        }
        else if (_deadline is null && _bufferedRows > 0)
        {
            var service = Context.ProcessingTimeService;
            var due = service.CurrentProcessingTime + (long)Math.Ceiling(miniBatch.AllowLatency.TotalMilliseconds);
            _deadline = service.RegisterTimer(due, (_, o) => Flush(o));
        }
    }

    /// <summary>Emits the bundle's partials before the barrier: the checkpoint then covers them downstream.</summary>
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => Flush(output);

    /// <summary>End of input: emits the bundle's partials.</summary>
    public override void Finish(IOutput output) => Flush(output);

    /// <inheritdoc />
    public override void Close()
    {
        _deadline?.Dispose();
        _deadline = null;
        _builder?.Dispose();
        _builder = null;
        _scratch.Dispose();
        base.Close();
    }

    /// <summary>Emits one row of partial accumulators per key of the bundle, then starts a new bundle.</summary>
    private void Flush(IOutput output)
    {
        _deadline?.Dispose();
        _deadline = null;
        if (_order.Count == 0)
        {
            _bufferedRows = 0;
            return;
        }

        var builder = _builder ?? throw new InvalidOperationException("The operator is not open.");
        var functions = _aggregator.Functions;
        try
        {
            foreach (var key in _order)
            {
                var set = _sets[key];
                _keyEncoder.AppendTo(key.Bytes, builder, 0);
                builder.AppendInt64(_keyCount, set.RowCount);
                for (var i = 0; i < functions.Count; i++)
                {
                    _scratch.Reset();
                    _aggregator.WriteAccumulator(set, i, _scratch);
                    builder.AppendBytes(_keyCount + 1 + i, _scratch.WrittenSpan);
                }

                builder.AppendRowKind(RowKind.Insert);
            }
        }
        catch
        {
            builder.Dispose();
            throw;
        }
        finally
        {
            _sets.Clear();
            _order.Clear();
            _bufferedRows = 0;
        }

        output.Collect(builder.Build());
    }
}
