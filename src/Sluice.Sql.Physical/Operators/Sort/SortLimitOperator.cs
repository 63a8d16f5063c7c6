using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Sql.Physical.Operators.Joins;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Sort;

/// <summary>
/// Flink SQL's streaming sort on a time attribute, <c>ORDER BY t ASC [, k1, ...] [LIMIT n] [OFFSET m]</c>, over an
/// insert-only input with event time: rows are buffered until the watermark passes their time, then emitted in
/// order, skipping the first <c>m</c> and stopping after <c>n</c>. Output schema: the input schema; insert-only.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> By the time column ascending (microseconds), then by the other <see cref="SortColumn"/>s, then
/// by arrival. When the watermark advances to <c>W</c>, every buffered row with time (milliseconds) at or below
/// <c>W</c> is emitted in that order, before the watermark is forwarded; rows released by later watermarks come
/// after, so the output as a whole is in time order. A row whose time is at or below the watermark when it
/// arrives, or is null, is late: it is dropped and counted in <see cref="LateRowsDropped"/>.</para>
/// <para><b>Limit.</b> The first <c>offset</c> released rows are skipped and the next <c>limit</c> are emitted
/// (<c>limit</c> null: all). After that the operator is done: it clears its buffer and drops all further input.</para>
/// <para><b>Parallelism.</b> 1: the planner gives it the whole input on one subtask (a global sort).</para>
/// <para><b>State.</b> The buffered rows and the number of rows released so far, in operator state written at each
/// checkpoint (the rows in order, so ties keep their order after a restore). Nested columns are not supported
/// (<see cref="RowEncoder"/>).</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) the operator state; input batches are buffered;
/// watermarks emit; the maximum watermark at end of input emits the rest.</para>
/// </remarks>
public sealed class SortLimitOperator : StreamOperator
{
    private static readonly ITypeSerializer<(long, RowData)> RowSerializer = Serializers.Tuple(Serializers.Int64, RowDataSerializer.Instance);

    private readonly Schema _schema;
    private readonly int _timeColumn;
    private readonly long _offset;
    private readonly long _end;
    private readonly RowEncoder _rowEncoder;
    private readonly SortRowComparer _comparer;
    private readonly SortedSet<SortedRow> _buffer;
    private IListState<(long, RowData)>? _rowsState;
    private IListState<long>? _releasedState;
    private long _released;
    private long _sequence;
    private long _lateRowsDropped;

    /// <summary>Creates the operator.</summary>
    /// <param name="schema">The schema of the input (and output) rows.</param>
    /// <param name="timeColumn">The time attribute sorted by first, ascending (TIMESTAMP or TIMESTAMP_LTZ).</param>
    /// <param name="otherKeys">The further ORDER BY keys, in order (may be empty).</param>
    /// <param name="limit">The number of rows to emit (<c>LIMIT</c>/<c>FETCH</c>), or null for all.</param>
    /// <param name="offset">The number of leading rows to skip (<c>OFFSET</c>).</param>
    /// <exception cref="ArgumentException">A column is out of range, the time column is not a timestamp, or a key is nested.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit or offset is negative.</exception>
    public SortLimitOperator(Schema schema, int timeColumn, IReadOnlyList<SortColumn> otherKeys, long? limit = null, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(otherKeys);
        JoinSupport.ValidateTimeColumn(schema, timeColumn, nameof(timeColumn));
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit cannot be negative.");
        }

        _schema = schema;
        _timeColumn = timeColumn;
        _offset = offset;
        _end = limit is { } n ? JoinSupport.SaturatingAdd(offset, n) : long.MaxValue;
        _rowEncoder = RowEncoder.AllColumns(schema);
        _comparer = new SortRowComparer(schema, otherKeys, byTime: true);
        _buffer = new SortedSet<SortedRow>(_comparer);
    }

    /// <summary>The output schema (the input schema).</summary>
    public Schema OutputSchema => _schema;

    /// <summary>The number of rows dropped as late since this instance was created; not checkpointed.</summary>
    public long LateRowsDropped => _lateRowsDropped;

    /// <summary>The number of rows buffered, waiting for the watermark.</summary>
    public int BufferedRows => _buffer.Count;

    private bool Done => _released >= _end;

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _rowsState = context.OperatorState.GetListState("sort-limit-rows", RowSerializer);
        _releasedState = context.OperatorState.GetListState("sort-limit-released", Serializers.Int64);
        _released = _releasedState.Get().Sum();
        _buffer.Clear();
        foreach (var (time, row) in _rowsState.Get())
        {
            _buffer.Add(new SortedRow(time, _comparer.KeysOf(_rowEncoder.Decode(row.Bytes, storedTimestamps: true)), row, _sequence++));
        }
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(SortLimitOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        if (Done)
        {
            return;
        }

        var watermark = Context.CurrentWatermark;
        var times = (PrimitiveVector<long>)records.Column(_timeColumn);
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var kind = records.GetRowKind(physical);
            if (kind != RowKind.Insert)
            {
                throw new InvalidOperationException($"A sort on time takes an insert-only input, but received a {kind.ToShortString()} row.");
            }

            if (!JoinSupport.TryReadMillis(records, _timeColumn, physical, out var millis) || millis <= watermark)
            {
                _lateRowsDropped++;
                continue;
            }

            _buffer.Add(new SortedRow(times.Values[physical], _comparer.KeysOf(records, physical), _rowEncoder.RowOf(records, physical), _sequence++));
        }
    }

    /// <summary>Emits the buffered rows the watermark released, in order, then forwards the watermark.</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Done && _buffer.Count > 0)
        {
            using var builder = new RecordBatchBuilder(_schema, Math.Min(_buffer.Count, 1024));
            while (_buffer.Count > 0 && !Done)
            {
                var first = _buffer.Min!;
                if (Core.Types.TemporalConversions.MicrosToMillis(first.TimeMicros) > watermark.Timestamp)
                {
                    break;
                }

                _buffer.Remove(first);
                if (_released++ >= _offset)
                {
                    _rowEncoder.AppendTo(first.Row.Bytes, builder, 0);
                }
            }

            if (Done)
            {
                _buffer.Clear();
            }

            if (builder.RowCount > 0)
            {
                output.Collect(builder.Build());
            }
        }

        output.EmitWatermark(watermark);
    }

    /// <inheritdoc />
    public override void SnapshotState(long checkpointId)
    {
        _rowsState!.Update(_buffer.Select(r => (r.TimeMicros, r.Row)));
        _releasedState!.Update([_released]);
    }
}
