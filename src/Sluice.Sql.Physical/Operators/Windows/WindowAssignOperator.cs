using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;

namespace Sluice.Sql.Physical.Operators.Windows;

/// <summary>
/// The windowing table functions <c>TUMBLE</c>, <c>HOP</c> and <c>CUMULATE</c> of Flink SQL
/// (<c>SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTES))</c>): appends <c>window_start</c>,
/// <c>window_end</c> and <c>window_time</c> to every row, once per window the row belongs to (one for TUMBLE, possibly
/// several for HOP and CUMULATE: the row is repeated). Stateless.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> Event time: the row's time column (TIMESTAMP(p) or TIMESTAMP_LTZ(p), epoch microseconds, floored
/// to milliseconds). Processing time: <see cref="OperatorContext.TimeProvider"/>'s current time, read once per batch. As
/// in Flink's <c>WindowTableFunctionOperator</c>, a row whose event time is null is dropped (and counted in
/// <see cref="NullTimestampsDropped"/>); late rows are not dropped here (the window aggregation does that).</para>
/// <para><b>Output schema.</b> The input columns (the time column stays, as a regular timestamp), then
/// <c>window_start</c> and <c>window_end</c> (TIMESTAMP(3) NOT NULL) and <c>window_time</c> = <c>window_end</c> - 1 ms
/// (the event-time attribute's type with precision 3, NOT NULL, and the output's row-time column; TIMESTAMP_LTZ(3) NOT
/// NULL and no row time for processing time). Row kinds are kept (a changelog input stays a changelog).</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread.</para>
/// <para><b>Lifecycle.</b> No state: each input batch is consumed and one output batch emitted (none when no row is
/// left); watermarks pass through.</para>
/// </remarks>
public sealed class WindowAssignOperator : StreamOperator
{
    private readonly WindowSpec _window;
    private readonly int _timeColumn;
    private readonly bool _processingTime;
    private readonly int _inputWidth;
    private readonly List<int> _rows = [];
    private readonly List<(long Start, long End)> _windows = [];
    private readonly List<(long Start, long End)> _rowWindows = [];
    private readonly TimeZoneInfo? _zone;
    private long _nullTimestampsDropped;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="window">TUMBLE, HOP or CUMULATE.</param>
    /// <param name="timeColumn">The event-time attribute column (TIMESTAMP or TIMESTAMP_LTZ); ignored (may be -1) for processing time.</param>
    /// <param name="processingTime">True to window by processing time instead of <paramref name="timeColumn"/>.</param>
    /// <exception cref="ArgumentException">The time column is out of range or not a timestamp.</exception>
    /// <param name="localTimeZone">
    /// The session time zone: windows of a <c>TIMESTAMP_LTZ</c> (or processing) time are aligned in it and their
    /// <c>window_start</c> and <c>window_end</c> are its wall-clock times; null for UTC.
    /// </param>
    public WindowAssignOperator(Schema inputSchema, WindowSpec window, int timeColumn, bool processingTime = false, TimeZoneInfo? localTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(window);
        _window = window;
        _timeColumn = timeColumn;
        _processingTime = processingTime;
        _inputWidth = inputSchema.Count;
        var timeType = processingTime ? null : WindowTime.RequireTimeColumn(inputSchema, timeColumn, nameof(timeColumn));
        _zone = WindowTime.AlignmentZone(timeType, localTimeZone);
        var fields = new List<Field>(inputSchema.Fields)
        {
            new("window_start", WindowTime.BoundaryType),
            new("window_end", WindowTime.BoundaryType),
            new("window_time", WindowTime.WindowTimeType(timeType)),
        };
        OutputSchema = OutputSchemas.Unique(fields, processingTime ? -1 : fields.Count - 1);
    }

    /// <summary>The output schema: the input columns, then window_start, window_end, window_time.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The window.</summary>
    public WindowSpec Window => _window;

    /// <summary>The number of rows dropped because their event time was null (this instance, not checkpointed).</summary>
    public long NullTimestampsDropped => _nullTimestampsDropped;

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(WindowAssignOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        _rows.Clear();
        _windows.Clear();
        var now = _processingTime ? Context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() : 0;
        var time = _processingTime ? null : (PrimitiveVector<long>)records.Column(_timeColumn);
        for (var i = 0; i < records.RowCount; i++)
        {
            long timestamp;
            if (time is null)
            {
                timestamp = now;
            }
            else
            {
                var physical = records.PhysicalRow(i);
                if (time.IsNull(physical))
                {
                    _nullTimestampsDropped++;
                    continue;
                }

                timestamp = WindowTime.Millis(time, physical);
            }

            _rowWindows.Clear();
            _window.AssignWindows(WindowTime.ToLocal(timestamp, _zone), _rowWindows);
            foreach (var w in _rowWindows)
            {
                _rows.Add(i);
                _windows.Add(w);
            }
        }

        if (_rows.Count == 0)
        {
            return;
        }

        output.Collect(Build(records));
    }

    private RecordBatch Build(RecordBatch records)
    {
        var identity = !records.HasSelection && _rows.Count == records.RowCount && IsIdentity(_rows);
        using var gathered = identity ? null : records.Gather(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rows));
        var source = gathered ?? records;
        var count = _rows.Count;
        var columns = new ColumnVector[_inputWidth + 3];
        for (var c = 0; c < _inputWidth; c++)
        {
            columns[c] = source.Column(c).Retain();
        }

        var starts = PrimitiveVector<long>.Allocate(OutputSchema[_inputWidth].DataType, count);
        var ends = PrimitiveVector<long>.Allocate(OutputSchema[_inputWidth + 1].DataType, count);
        var times = PrimitiveVector<long>.Allocate(OutputSchema[_inputWidth + 2].DataType, count);
        for (var i = 0; i < count; i++)
        {
            var (start, end) = _windows[i];
            starts.Values[i] = start * TemporalConversions.MicrosPerMilli;
            ends.Values[i] = end * TemporalConversions.MicrosPerMilli;
            times.Values[i] = (WindowTime.ToUtc(end, _zone) - 1) * TemporalConversions.MicrosPerMilli;
        }

        columns[_inputWidth] = starts;
        columns[_inputWidth + 1] = ends;
        columns[_inputWidth + 2] = times;
        return new RecordBatch(OutputSchema, columns, source.RowKinds);
    }

    private static bool IsIdentity(List<int> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] != i)
            {
                return false;
            }
        }

        return true;
    }
}
