using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Sort;

/// <summary>
/// <c>ORDER BY k1 [ASC|DESC] [NULLS FIRST|LAST], ... [LIMIT n] [OFFSET m]</c> over a bounded, insert-only input
/// (Flink's batch-mode sort): buffers every row and emits them sorted when the input ends. Output schema: the input
/// schema; insert-only.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> By the <see cref="SortColumn"/>s, then by arrival (a stable sort). Strings compare by code point,
/// binary strings bytewise, floating-point numbers with NaN above all others.</para>
/// <para><b>Limit.</b> The first <c>offset</c> sorted rows are skipped and the next <c>limit</c> emitted
/// (<c>limit</c> null: all). With a limit only the <c>offset + limit</c> smallest rows are kept while buffering.</para>
/// <para><b>Watermarks.</b> The output is produced at the end, so watermarks are held back: none is forwarded until
/// <see cref="Finish"/>, which emits the rows and then the maximum watermark.</para>
/// <para><b>Parallelism.</b> 1: the planner gives it the whole input on one subtask.</para>
/// <para><b>State.</b> The buffered rows, in operator state written at each checkpoint (in order, so ties keep
/// their order after a restore). Nested columns are not supported (<see cref="RowEncoder"/>).</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) the buffer; input batches are consumed and
/// buffered; <see cref="Finish"/> (end of input) emits the sorted rows in batches of up to
/// <see cref="OutputBatchSize"/> rows.</para>
/// </remarks>
public sealed class SortOperator : StreamOperator
{
    /// <summary>The largest output batch.</summary>
    public const int OutputBatchSize = 4096;

    private readonly Schema _schema;
    private readonly long _offset;
    private readonly long _end;
    private readonly RowEncoder _rowEncoder;
    private readonly SortRowComparer _comparer;
    private readonly SortedSet<SortedRow> _buffer;
    private IListState<RowData>? _rowsState;
    private long _sequence;

    /// <summary>Creates the operator.</summary>
    /// <param name="schema">The schema of the input (and output) rows.</param>
    /// <param name="keys">The ORDER BY keys, in order (at least one).</param>
    /// <param name="limit">The number of rows to emit, or null for all.</param>
    /// <param name="offset">The number of leading sorted rows to skip.</param>
    /// <exception cref="ArgumentException">There is no key, a key column is out of range or nested.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit or offset is negative.</exception>
    public SortOperator(Schema schema, IReadOnlyList<SortColumn> keys, long? limit = null, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("ORDER BY needs at least one key.", nameof(keys));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit cannot be negative.");
        }

        _schema = schema;
        _offset = offset;
        _end = limit is { } n ? Joins.JoinSupport.SaturatingAdd(offset, n) : long.MaxValue;
        _rowEncoder = RowEncoder.AllColumns(schema);
        _comparer = new SortRowComparer(schema, keys, byTime: false);
        _buffer = new SortedSet<SortedRow>(_comparer);
    }

    /// <summary>The output schema (the input schema).</summary>
    public Schema OutputSchema => _schema;

    /// <summary>The number of rows buffered.</summary>
    public int BufferedRows => _buffer.Count;

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _rowsState = context.OperatorState.GetListState("sort-rows", RowDataSerializer.Instance);
        _buffer.Clear();
        foreach (var row in _rowsState.Get())
        {
            Add(new SortedRow(0, _comparer.KeysOf(_rowEncoder.Decode(row.Bytes, storedTimestamps: true)), row, _sequence++));
        }
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(SortOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var kind = records.GetRowKind(physical);
            if (kind != RowKind.Insert)
            {
                throw new InvalidOperationException($"ORDER BY on a bounded input takes insert-only rows, but received a {kind.ToShortString()} row.");
            }

            Add(new SortedRow(0, _comparer.KeysOf(records, physical), _rowEncoder.RowOf(records, physical), _sequence++));
        }
    }

    /// <summary>Holds the watermark back: the sorted output comes only at the end of input.</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
    }

    /// <summary>Emits the sorted rows (after the offset, up to the limit), then the maximum watermark.</summary>
    public override void Finish(IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var builder = new RecordBatchBuilder(_schema, Math.Clamp(_buffer.Count, 1, OutputBatchSize));
        long position = 0;
        foreach (var row in _buffer)
        {
            if (position >= _end)
            {
                break;
            }

            if (position++ < _offset)
            {
                continue;
            }

            _rowEncoder.AppendTo(row.Row.Bytes, builder, 0);
            if (builder.RowCount == OutputBatchSize)
            {
                output.Collect(builder.Build());
            }
        }

        _buffer.Clear();
        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }

        output.EmitWatermark(Watermark.Max);
    }

    /// <inheritdoc />
    public override void SnapshotState(long checkpointId) => _rowsState!.Update(_buffer.Select(r => r.Row));

    private void Add(SortedRow row)
    {
        if (_end == 0)
        {
            return;
        }

        _buffer.Add(row);
        if (_buffer.Count > _end)
        {
            _buffer.Remove(_buffer.Max!);
        }
    }
}
