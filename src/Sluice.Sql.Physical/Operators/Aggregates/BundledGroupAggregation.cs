using System.Runtime.InteropServices;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// What the one-phase and the global group aggregations share: input rows are buffered per key in a
/// <see cref="RowBundle"/>, and each bundle is folded into the keyed accumulator state with one state access per key,
/// emitting per changed key +I(new), -U(old) +U(new), or -D(old) when its row count drops to zero (nothing when its
/// result did not change, unless the state has a time-to-live: then an unchanged result is emitted as -U/+U too). How
/// a row changes an accumulator set is the operator's <see cref="Fold"/>.
/// </summary>
/// <remarks>
/// <para><b>Bundles.</b> Without <see cref="MiniBatchOptions"/> a bundle is one input batch. With them a bundle is
/// folded when it holds <see cref="MiniBatchOptions.Size"/> rows, when <see cref="MiniBatchOptions.AllowLatency"/> has
/// passed since its first row (a keyless processing-time callback), before every checkpoint barrier and at end of input
/// (the operators call <see cref="Flush"/>), so a snapshot never misses a buffered row: buffered rows are not state.</para>
/// <para><b>Row by row.</b> With <c>perRow</c> and without mini-batch (Flink's default group aggregation) the batch's
/// rows are folded one at a time in arrival order and each emits the change it makes, as Flink's
/// <c>GroupAggFunction</c> does: three rows of a new key give +I, -U/+U, -U/+U. The state is still read and written
/// once per key and batch.</para>
/// <para><b>Threading.</b> Task thread only.</para>
/// </remarks>
internal sealed class BundledGroupAggregation : IDisposable
{
    private readonly string _stateName;
    private readonly Aggregator _aggregator;
    private readonly RowEncoder _keyEncoder;
    private readonly Schema _outputSchema;
    private readonly int _keyCount;
    private readonly StateTtlConfig? _stateTtl;
    private readonly MiniBatchOptions? _miniBatch;
    private readonly Fold _fold;
    private readonly FoldInserts? _foldInserts;
    private readonly RowBundle _bundle;
    private readonly AggregateValue?[] _previous;
    private readonly AggregateValue?[] _current;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<AccumulatorSet>? _state;
    private RecordBatchBuilder? _builder;
    private OperatorContext? _context;
    private IDisposable? _deadline;
    private int[] _rows = new int[64];
    private readonly bool _perRow;
    private AccumulatorSet?[] _groupAccumulators = [];
    private byte[] _groupStates = [];
    private int[] _groupNext = [];

    /// <summary>Applies physical row <paramref name="physicalRow"/> of <paramref name="batch"/> to a key's accumulators.</summary>
    public delegate void Fold(AccumulatorSet accumulators, RecordBatch batch, int physicalRow);

    /// <summary>
    /// Accumulates the physical rows <paramref name="physicalRows"/> of <paramref name="batch"/> (all +I or +U), in order,
    /// into a key's accumulators: what <see cref="Fold"/> does row by row, at once.
    /// </summary>
    public delegate void FoldInserts(AccumulatorSet accumulators, RecordBatch batch, ReadOnlySpan<int> physicalRows);

    /// <summary>Creates the aggregation.</summary>
    /// <param name="stateName">The name of the keyed value state of the accumulators.</param>
    /// <param name="aggregator">The calls (their accumulators are the state).</param>
    /// <param name="keyEncoder">Encodes the key columns of an input row; also appends a key's values to the output.</param>
    /// <param name="outputSchema">The key columns, then one column per call.</param>
    /// <param name="stateTtl">The time-to-live of a key's state, or null.</param>
    /// <param name="miniBatch">Mini-batch buffering, or null for a bundle per input batch.</param>
    /// <param name="fold">How a row changes a key's accumulators.</param>
    /// <param name="foldInserts">How a run of accumulating rows changes a key's accumulators, for bundles without
    /// retractions; null to fold those row by row too.</param>
    /// <param name="perRow">Without mini-batch, emit the change of every input row (Flink's group aggregation) instead of
    /// one per key and batch.</param>
    public BundledGroupAggregation(string stateName, Aggregator aggregator, RowEncoder keyEncoder, Schema outputSchema,
        StateTtlConfig? stateTtl, MiniBatchOptions? miniBatch, Fold fold, FoldInserts? foldInserts = null, bool perRow = false)
    {
        miniBatch?.Validate();
        _stateName = stateName;
        _aggregator = aggregator;
        _keyEncoder = keyEncoder;
        _outputSchema = outputSchema;
        _keyCount = keyEncoder.Columns.Length;
        _stateTtl = stateTtl;
        _miniBatch = miniBatch;
        _fold = fold;
        _foldInserts = foldInserts;
        _perRow = perRow && miniBatch is null;
        _bundle = new RowBundle(keyEncoder, _perRow);
        _previous = new AggregateValue?[aggregator.Functions.Count];
        _current = new AggregateValue?[aggregator.Functions.Count];
    }

    /// <summary>The number of input rows buffered and not yet folded.</summary>
    public long BufferedRows => _bundle.RowCount;

    /// <summary>Creates the keyed backend and declares (restores) the accumulator state.</summary>
    public void Open(OperatorContext context)
    {
        _context = context;
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _state = _backend.GetValueState(new ValueStateDescriptor<AccumulatorSet>(_stateName, new AccumulatorSetSerializer(_aggregator))
        {
            Ttl = _stateTtl,
        });
        _builder = new RecordBatchBuilder(_outputSchema, 1024);
    }

    /// <summary>Buffers <paramref name="records"/> (taking ownership) and folds the bundle when it is due.</summary>
    public void Add(RecordBatch records, IOutput output)
    {
        if (_backend is null)
        {
            records.Dispose();
            throw new InvalidOperationException("The operator is not open.");
        }

        _bundle.Add(records);
        if (_miniBatch is not { } miniBatch)
        {
            Flush(output);
            return;
        }

        if (_bundle.RowCount >= miniBatch.Size)
        {
            Flush(output);
        }
        else if (_deadline is null && _bundle.RowCount > 0)
        {
            var service = _context!.ProcessingTimeService;
            var due = service.CurrentProcessingTime + (long)Math.Ceiling(miniBatch.AllowLatency.TotalMilliseconds);
            _deadline = service.RegisterTimer(due, (_, o) => Flush(o));
        }
    }

    /// <summary>Folds the buffered bundle into the state and emits its changes as one batch (nothing when empty).</summary>
    public void Flush(IOutput output)
    {
        _deadline?.Dispose();
        _deadline = null;
        if (_bundle.RowCount == 0)
        {
            return;
        }

        if (_perRow)
        {
            FlushRowByRow(output);
            return;
        }

        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _state!;
        var builder = _builder!;

        // Without retractions the rows of a key fold run by run; and with COUNT(*) among the calls such a key's result
        // certainly changes, so its old result is appended before the fold and its new one after, straight from the
        // accumulators, with no comparison.
        var foldInserts = _bundle.AllAdditive ? _foldInserts : null;
        var certainChange = foldInserts is not null && _aggregator.HasRowCount;
        try
        {
            for (var g = 0; g < _bundle.GroupCount; g++)
            {
                var key = _bundle.KeyAt(g);
                backend.SetCurrentKey(key);
                state.TryGet(out var acc);
                var hadRows = acc is { RowCount: > 0 };
                if (hadRows)
                {
                    KeepOldResult(builder, key, acc!, certainChange);
                }

                acc ??= _aggregator.CreateSet();
                if (foldInserts is not null)
                {
                    FoldRuns(acc, CollectionsMarshal.AsSpan(_bundle.RowsOf(g)), foldInserts);
                }
                else
                {
                    foreach (var entry in _bundle.RowsOf(g))
                    {
                        _fold(acc, _bundle.BatchOf(entry), RowBundle.RowOf(entry));
                    }
                }

                if (acc.RowCount <= 0)
                {
                    state.Clear();
                    if (hadRows)
                    {
                        Emit(builder, RowKind.Delete, key, _previous);
                    }

                    continue;
                }

                state.Update(acc);
                if (!hadRows)
                {
                    Emit(builder, RowKind.Insert, key, acc);
                    continue;
                }

                if (certainChange)
                {
                    Emit(builder, RowKind.UpdateAfter, key, acc);
                    continue;
                }

                // As Flink's group aggregations: an unchanged result is not emitted, unless the state has a time-to-live;
                // then it is, so that downstream state of the key is refreshed too (and not evicted before this one's).
                Results(acc, _current);
                if (_stateTtl is not null || !Aggregator.SameResults(_previous, _current))
                {
                    Emit(builder, RowKind.UpdateBefore, key, _previous);
                    Emit(builder, RowKind.UpdateAfter, key, _current);
                }
            }
        }
        catch
        {
            // Drop a half-built output: the next bundle starts with an empty builder.
            builder.Dispose();
            throw;
        }
        finally
        {
            _bundle.Clear();
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    /// <summary>
    /// Folds the bundle's rows one at a time in arrival order, emitting each row's change (Flink's per-row group
    /// aggregation), then writes each key's accumulators back (or clears them) once.
    /// </summary>
    private void FlushRowByRow(IOutput output)
    {
        const byte NotRead = 0, Absent = 1, Present = 2;
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _state!;
        var builder = _builder!;
        var groups = _bundle.GroupCount;
        if (_groupAccumulators.Length < groups)
        {
            var size = Math.Max(groups, _groupAccumulators.Length * 2);
            _groupAccumulators = new AccumulatorSet?[size];
            _groupStates = new byte[size];
            _groupNext = new int[size];
        }

        Array.Clear(_groupStates, 0, groups);
        Array.Clear(_groupNext, 0, groups);

        // Without retractions and with COUNT(*) among the calls every row changes its key's result: the old result is
        // appended before the row is folded and the new one after, straight from the accumulators.
        var certainChange = _bundle.AllAdditive && _aggregator.HasRowCount;
        try
        {
            var rowCount = (int)_bundle.RowCount;
            for (var i = 0; i < rowCount; i++)
            {
                var g = _bundle.ArrivalGroup(i);
                var key = _bundle.KeyAt(g);
                if (_groupStates[g] == NotRead)
                {
                    backend.SetCurrentKey(key);
                    state.TryGet(out var stored);
                    _groupStates[g] = stored is null ? Absent : Present;
                    _groupAccumulators[g] = stored is { RowCount: > 0 } ? stored : null;
                }

                var acc = _groupAccumulators[g];
                var hadRows = acc is not null;
                if (hadRows)
                {
                    KeepOldResult(builder, key, acc!, certainChange);
                }

                acc ??= _aggregator.CreateSet();
                var entry = _bundle.RowsOf(g)[_groupNext[g]++];
                _fold(acc, _bundle.BatchOf(entry), RowBundle.RowOf(entry));
                if (acc.RowCount <= 0)
                {
                    // The key's last row was retracted: as Flink, its state goes, and a later row starts afresh.
                    _groupAccumulators[g] = null;
                    if (hadRows)
                    {
                        Emit(builder, RowKind.Delete, key, _previous);
                    }

                    continue;
                }

                _groupAccumulators[g] = acc;
                if (!hadRows)
                {
                    Emit(builder, RowKind.Insert, key, acc);
                }
                else if (certainChange)
                {
                    Emit(builder, RowKind.UpdateAfter, key, acc);
                }
                else
                {
                    Results(acc, _current);
                    if (_stateTtl is not null || !Aggregator.SameResults(_previous, _current))
                    {
                        Emit(builder, RowKind.UpdateBefore, key, _previous);
                        Emit(builder, RowKind.UpdateAfter, key, _current);
                    }
                }
            }

            for (var g = 0; g < groups; g++)
            {
                var acc = _groupAccumulators[g];
                _groupAccumulators[g] = null;
                if (acc is not null)
                {
                    backend.SetCurrentKey(_bundle.KeyAt(g));
                    state.Update(acc);
                }
                else if (_groupStates[g] == Present)
                {
                    backend.SetCurrentKey(_bundle.KeyAt(g));
                    state.Clear();
                }
            }
        }
        catch
        {
            // Drop a half-built output: the next bundle starts with an empty builder.
            Array.Clear(_groupAccumulators, 0, groups);
            builder.Dispose();
            throw;
        }
        finally
        {
            _bundle.Clear();
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _deadline?.Dispose();
        _deadline = null;
        _bundle.Dispose();
        _builder?.Dispose();
        _builder = null;
    }

    /// <summary>
    /// Before rows change a key's accumulators: appends its old result as -U when the change is certain (COUNT(*) and
    /// no retractions), else keeps it in <see cref="_previous"/> to compare with the new one.
    /// </summary>
    private void KeepOldResult(RecordBatchBuilder builder, RowKey key, AccumulatorSet acc, bool certainChange)
    {
        if (certainChange)
        {
            Emit(builder, RowKind.UpdateBefore, key, acc);
        }
        else
        {
            Results(acc, _previous);
        }
    }

    /// <summary>Writes the result of every call into <paramref name="results"/> (reused: no array per group).</summary>
    private void Results(AccumulatorSet set, AggregateValue?[] results) => _aggregator.Results(set, results);

    /// <summary>Folds a key's bundle entries (all accumulating) run by run: one call per run of rows in the same batch.</summary>
    private void FoldRuns(AccumulatorSet acc, ReadOnlySpan<long> entries, FoldInserts foldInserts)
    {
        var start = 0;
        while (start < entries.Length)
        {
            var batch = entries[start] >>> 32;
            var end = start + 1;
            while (end < entries.Length && entries[end] >>> 32 == batch)
            {
                end++;
            }

            var count = end - start;
            if (_rows.Length < count)
            {
                _rows = new int[Math.Max(count, _rows.Length * 2)];
            }

            for (var k = 0; k < count; k++)
            {
                _rows[k] = RowBundle.RowOf(entries[start + k]);
            }

            foldInserts(acc, _bundle.BatchOf(entries[start]), _rows.AsSpan(0, count));
            start = end;
        }
    }

    private void Emit(RecordBatchBuilder builder, RowKind kind, RowKey key, AccumulatorSet accumulators)
    {
        _keyEncoder.AppendTo(key.Bytes, builder, 0);
        _aggregator.AppendResults(accumulators, builder, _keyCount);
        builder.AppendRowKind(kind);
    }

    private void Emit(RecordBatchBuilder builder, RowKind kind, RowKey key, AggregateValue?[] results)
    {
        _keyEncoder.AppendTo(key.Bytes, builder, 0);
        Aggregator.AppendResults(results, builder, _keyCount);
        builder.AppendRowKind(kind);
    }
}
