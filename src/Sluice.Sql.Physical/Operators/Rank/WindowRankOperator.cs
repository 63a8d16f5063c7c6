using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>
/// Flink SQL's window Top-N and window deduplication: over rows that carry their window (<c>window_start</c>,
/// <c>window_end</c>, from a window table function or a window aggregate), <c>ROW_NUMBER() / RANK() / DENSE_RANK()
/// OVER (PARTITION BY window_start, window_end, p ORDER BY s)</c> filtered to a rank range, emitted once per window
/// when the watermark passes the window's end. Output schema: the input columns (row-time attribute kept), then,
/// when a rank column name is given, the rank as <c>BIGINT NOT NULL</c>. Insert-only output.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> Per partition (the partition columns include the window columns, so a partition is one
/// window of one key) the rows are ranked by the sort keys, ties by arrival; when the watermark reaches
/// <c>window_end - 1</c> (epoch milliseconds) the rows whose rank is in the range are emitted as +I in rank order,
/// and the partition's state is dropped. A window deduplication (<see cref="Deduplicate"/>) is ROW_NUMBER = 1 ordered
/// by the time column, ascending to keep the first row, descending to keep the last; as in Flink's window
/// deduplication, among rows with equal times the first arrival is kept first and the last arrival last.</para>
/// <para><b>Late rows.</b> A row whose window already fired (<c>window_end - 1 &lt;= watermark</c>) is dropped and
/// counted in <see cref="LateRowsDropped"/>. At end of input the maximum watermark fires every remaining window.</para>
/// <para><b>Input.</b> Insert-only (+I; another kind throws <see cref="InvalidOperationException"/>), hash-partitioned
/// by the partition columns with <see cref="RecordBatchKeySelector"/>; <c>window_end</c> a non-null TIMESTAMP or
/// TIMESTAMP_LTZ column among the partition columns.</para>
/// <para><b>State and timers.</b> One value state per partition key: its rows in sort order, trimmed to the range end
/// as rows arrive (rows below it can never come back into range), so it holds at most about N rows per window and
/// key; one event-time timer per partition at <c>window_end - 1</c>. Both live in the keyed backend per key group:
/// checkpointed, restorable at another parallelism.</para>
/// <para><b>Threading.</b> All methods, the timer callback included, run on the owning task's thread.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) the state and the timer service → batches buffer rows
/// → watermarks fire windows; their rows are gathered into one batch and emitted before the watermark is forwarded
/// → <see cref="Finish"/> (the maximum watermark already fired everything) → <see cref="Close"/>.</para>
/// </remarks>
public sealed class WindowRankOperator : StreamOperator, ITimerCallback<RowKey, VoidNamespace>
{
    private const string StateName = "window-rank-rows";
    private const int MaxOutputBatchRows = 4096;

    private readonly RankFunction _function;
    private readonly RankRange _range;
    private readonly bool _withRankColumn;
    private readonly bool _latestFirst;
    private readonly int _inputWidth;
    private readonly int _windowEndColumn;
    private readonly RowEncoder _partitionEncoder;
    private readonly RowEncoder _rowEncoder;
    private readonly SortKeyEncoder _sortEncoder;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<TopNBuffer>? _state;
    private TimerService<RowKey, VoidNamespace>? _timers;
    private RecordBatchBuilder? _pending;
    private long _lateRowsDropped;

    /// <summary>Creates a window Top-N.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="partitionKeys">The PARTITION BY columns, which include <c>window_start</c> and <c>window_end</c>.</param>
    /// <param name="windowEndColumn">The <c>window_end</c> column (TIMESTAMP or TIMESTAMP_LTZ, one of <paramref name="partitionKeys"/>).</param>
    /// <param name="sortKeys">The ORDER BY keys (at least one).</param>
    /// <param name="function">ROW_NUMBER, RANK or DENSE_RANK.</param>
    /// <param name="range">The kept ranks.</param>
    /// <param name="rankColumnName">The name of the rank column appended to the output, or null to not output the rank.</param>
    /// <exception cref="ArgumentException">A column is out of range or of the wrong type, the window end is not a
    /// partition column, there is no sort key, or the rank column's name is taken.</exception>
    public WindowRankOperator(Schema inputSchema, int[] partitionKeys, int windowEndColumn, IReadOnlyList<RankSortKey> sortKeys,
        RankFunction function, RankRange range, string? rankColumnName = null)
        : this(inputSchema, partitionKeys, windowEndColumn, sortKeys, function, range, rankColumnName, latestFirst: false)
    {
    }

    private WindowRankOperator(Schema inputSchema, int[] partitionKeys, int windowEndColumn, IReadOnlyList<RankSortKey> sortKeys,
        RankFunction function, RankRange range, string? rankColumnName, bool latestFirst)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(partitionKeys);
        ArgumentNullException.ThrowIfNull(sortKeys);
        if (sortKeys.Count == 0)
        {
            throw new ArgumentException("A window Top-N needs at least one ORDER BY key.", nameof(sortKeys));
        }

        if (range.End == 0)
        {
            throw new ArgumentException("The rank range is not initialized.", nameof(range));
        }

        if ((uint)windowEndColumn >= (uint)inputSchema.Count
            || inputSchema[windowEndColumn].DataType.TypeId is not (TypeId.Timestamp or TypeId.TimestampLtz))
        {
            throw new ArgumentException($"The window end column {windowEndColumn} must be a TIMESTAMP or TIMESTAMP_LTZ column of {inputSchema}.", nameof(windowEndColumn));
        }

        if (Array.IndexOf(partitionKeys, windowEndColumn) < 0)
        {
            throw new ArgumentException($"The window end column {windowEndColumn} must be one of the partition columns, so that a partition is one window.", nameof(partitionKeys));
        }

        _function = function;
        _range = range;
        _withRankColumn = rankColumnName is not null;
        _latestFirst = latestFirst;
        _inputWidth = inputSchema.Count;
        _windowEndColumn = windowEndColumn;
        _partitionEncoder = new RowEncoder(inputSchema, partitionKeys);
        _rowEncoder = RowEncoder.AllColumns(inputSchema);
        _sortEncoder = new SortKeyEncoder(inputSchema, sortKeys);
        OutputSchema = RankOperator.OutputSchemaOf(inputSchema, rankColumnName);
    }

    /// <summary>The output schema: the input columns, then the rank (<c>BIGINT NOT NULL</c>) when it is output.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The number of rows dropped because their window had already fired; not checkpointed.</summary>
    public long LateRowsDropped => Volatile.Read(ref _lateRowsDropped);

    /// <summary>
    /// Creates a window deduplication (Flink's <c>ROW_NUMBER() OVER (PARTITION BY window_start, window_end, k ORDER BY
    /// rowtime ASC|DESC) = 1</c> without the rank column): per window and key, the row with the smallest time (the first
    /// arrival among equal times), or with the largest time (the last arrival among equal times).
    /// </summary>
    /// <param name="inputSchema">The schema of the input rows (also the output schema).</param>
    /// <param name="partitionKeys">The PARTITION BY columns, which include <c>window_start</c> and <c>window_end</c>.</param>
    /// <param name="windowEndColumn">The <c>window_end</c> column.</param>
    /// <param name="timeColumn">The ordering time column (the row time).</param>
    /// <param name="keep">Keep the first or the last row.</param>
    /// <param name="windowEndZone">The <see cref="WindowEndZone"/>, or null.</param>
    public static WindowRankOperator Deduplicate(Schema inputSchema, int[] partitionKeys, int windowEndColumn, int timeColumn, DeduplicateKeep keep,
        TimeZoneInfo? windowEndZone = null)
    {
        var sortKey = keep == DeduplicateKeep.FirstRow ? RankSortKey.Asc(timeColumn) : RankSortKey.Desc(timeColumn);
        return new WindowRankOperator(inputSchema, partitionKeys, windowEndColumn, [sortKey], RankFunction.RowNumber, RankRange.Top(1),
            rankColumnName: null, latestFirst: keep == DeduplicateKeep.LastRow) { WindowEndZone = windowEndZone };
    }

    /// <summary>
    /// The zone whose wall-clock times <c>window_end</c> holds (windows of a TIMESTAMP_LTZ attribute aligned in a
    /// non-UTC session time zone), converted to an instant to fire the window; null when <c>window_end</c> is UTC.
    /// </summary>
    public TimeZoneInfo? WindowEndZone { get; init; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _state = _backend.GetValueState(new ValueStateDescriptor<TopNBuffer>(StateName, TopNBufferSerializer.Instance));
        _timers = context.GetTimerService(StateName, VoidNamespace.Serializer, this);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(WindowRankOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _state!;
        var timers = _timers!;
        var watermark = Context.CurrentWatermark;
        var windowEnds = (PrimitiveVector<long>)records.Column(_windowEndColumn);
        long dropped = 0;
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            if (records.GetRowKind(physical) != RowKind.Insert)
            {
                throw new InvalidOperationException(
                    $"A window Top-N takes an insert-only input, but received a {records.GetRowKind(physical).ToShortString()} row.");
            }

            if (windowEnds.IsNull(physical))
            {
                throw new SluiceException("A window Top-N received a row without window_end; its input must come from a window table function or window aggregate.");
            }

            var fireAt = Windows.WindowTime.ToUtc(TemporalConversions.MicrosToMillis(windowEnds.Values[physical]), WindowEndZone) - 1;
            if (fireAt <= watermark)
            {
                dropped++;
                continue;
            }

            backend.SetCurrentKey(_partitionEncoder.KeyOf(records, physical));
            if (!state.TryGet(out var buffer))
            {
                buffer = new TopNBuffer();
                timers.RegisterEventTimeTimer(VoidNamespace.Instance, fireAt);
            }

            var sortKey = _sortEncoder.EncodeToScratch(records, physical);
            var row = _rowEncoder.EncodeToScratch(records, physical);
            var data = new byte[sortKey.Length + row.Length];
            sortKey.CopyTo(data);
            row.CopyTo(data.AsSpan(sortKey.Length));
            buffer.Insert(data, sortKey.Length, _latestFirst);
            buffer.Truncate(_function, _range.End);
            state.Update(buffer);
        }

        if (dropped > 0)
        {
            Volatile.Write(ref _lateRowsDropped, _lateRowsDropped + dropped);
        }
    }

    /// <summary>Emits the rows of the windows this watermark fired, then forwards the watermark.</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Flush(output);
        output.EmitWatermark(watermark);
    }

    /// <inheritdoc />
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Flush(output);
    }

    /// <inheritdoc />
    public override void Finish(IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Flush(output);
    }

    /// <inheritdoc />
    public override void Close()
    {
        _pending?.Dispose();
        _pending = null;
    }

    void ITimerCallback<RowKey, VoidNamespace>.OnEventTime(TimerEntry<RowKey, VoidNamespace> timer, IOutput output)
    {
        var state = _state!;
        if (!state.TryGet(out var buffer))
        {
            return;
        }

        var builder = _pending ??= new RecordBatchBuilder(OutputSchema, 256);
        EmitRanked(buffer, builder);
        state.Clear();
        if (builder.RowCount >= MaxOutputBatchRows)
        {
            Flush(output);
        }
    }

    void ITimerCallback<RowKey, VoidNamespace>.OnProcessingTime(TimerEntry<RowKey, VoidNamespace> timer, IOutput output)
    {
        // Event-time windows register no processing-time timers.
    }

    /// <summary>Appends the rows of <paramref name="buffer"/> whose rank is in the range, in rank order.</summary>
    private void EmitRanked(TopNBuffer buffer, RecordBatchBuilder builder)
    {
        var dense = 0L;
        for (var start = 0; start < buffer.RowCount;)
        {
            var end = buffer.GroupEnd(start);
            dense++;
            for (var i = start; i < end; i++)
            {
                var rank = _function switch
                {
                    RankFunction.RowNumber => i + 1L,
                    RankFunction.Rank => start + 1L,
                    _ => dense,
                };
                if (rank > _range.End)
                {
                    return;
                }

                if (rank >= _range.Start)
                {
                    _rowEncoder.AppendTo(buffer.RowAt(i), builder, 0);
                    if (_withRankColumn)
                    {
                        builder.AppendInt64(_inputWidth, rank);
                    }
                }
            }

            start = end;
        }
    }

    private void Flush(IOutput output)
    {
        if (_pending is { RowCount: > 0 } pending)
        {
            output.Collect(pending.Build());
        }
    }
}
