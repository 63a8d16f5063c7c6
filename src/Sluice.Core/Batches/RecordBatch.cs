using System.Runtime.CompilerServices;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Core.Batches;

/// <summary>
/// The columnar batch of SQL rows: a <see cref="Schema"/>, one <see cref="ColumnVector"/> per column, an optional
/// row-kind column for changelogs, an optional selection vector, and the event time of each row derived from the
/// schema's row-time column.
/// </summary>
/// <remarks>
/// <para><b>Physical and logical rows.</b> The columns and <see cref="RowKinds"/> hold
/// <see cref="PhysicalRowCount"/> physical rows. A filter may mark the rows that pass with
/// <see cref="WithSelection"/> instead of copying them: the batch then has <see cref="RowCount"/> logical rows,
/// and logical row i is physical row <c>Selection[i]</c>. Everything of <see cref="IBatch"/>
/// (<see cref="RowCount"/>, <see cref="Timestamps"/>, <see cref="Gather(ReadOnlySpan{int})"/>) counts logical rows,
/// so the runtime never sees unselected rows. Operators that read columns iterate <see cref="Selection"/> when
/// <see cref="HasSelection"/> (or call <see cref="Compact"/>).</para>
/// <para><b>Ownership.</b> A batch has one owner; handing it on transfers ownership. <see cref="Dispose"/>
/// disposes the columns (drops this batch's reference to them) and returns the batch's own buffers to the pool.
/// <see cref="WithSelection"/> and <see cref="Compact"/> consume the batch: afterwards use only the batch they
/// return. To share a column with another batch, <see cref="ColumnVector.Retain"/> it.</para>
/// <para><b>Threading.</b> Not thread-safe: one thread at a time.</para>
/// </remarks>
[SkipLocalsInit]
public sealed class RecordBatch : IBatch
{
    private ColumnVector[] _columns;
    private RowKind[]? _rowKinds;
    private int[]? _selection;
    private int _selectionCount;
    private int _physicalRowCount;
    private long[]? _timestamps;
    private bool _disposed;

    /// <summary>Creates a batch of the given columns, whose lengths give the row count.</summary>
    /// <param name="schema">The schema; column i must have the type of field i (nullability aside).</param>
    /// <param name="columns">The columns, one per field; the batch takes ownership of them.</param>
    /// <param name="rowKinds">The kind of each row, or empty when every row is an insert (copied).</param>
    /// <exception cref="ArgumentException">The columns do not fit the schema, or there is no column.</exception>
    public RecordBatch(Schema schema, IReadOnlyList<ColumnVector> columns, ReadOnlySpan<RowKind> rowKinds = default)
        : this(schema, columns, columns.Count > 0 ? columns[0].Length : -1, rowKinds)
    {
    }

    /// <summary>Creates a batch of <paramref name="rowCount"/> rows (for schemas without columns too).</summary>
    /// <param name="schema">The schema; column i must have the type of field i (nullability aside).</param>
    /// <param name="columns">The columns, one per field; the batch takes ownership of them.</param>
    /// <param name="rowCount">The number of rows; every column must have this length.</param>
    /// <param name="rowKinds">The kind of each row, or empty when every row is an insert (copied).</param>
    /// <exception cref="ArgumentException">The columns or row kinds do not fit the schema or row count.</exception>
    public RecordBatch(Schema schema, IReadOnlyList<ColumnVector> columns, int rowCount, ReadOnlySpan<RowKind> rowKinds = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (rowCount < 0)
        {
            throw new ArgumentException("A batch without columns needs an explicit row count.", nameof(rowCount));
        }

        if (columns.Count != schema.Count)
        {
            throw new ArgumentException($"The schema has {schema.Count} columns, but {columns.Count} were given.", nameof(columns));
        }

        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (column.Length != rowCount)
            {
                throw new ArgumentException($"Column {i} has {column.Length} rows, expected {rowCount}.", nameof(columns));
            }

            if (!column.DataType.EqualsIgnoringNullability(schema[i].DataType))
            {
                throw new ArgumentException($"Column {i} holds {column.DataType}, but the schema says {schema[i]}.", nameof(columns));
            }
        }

        if (!rowKinds.IsEmpty && rowKinds.Length != rowCount)
        {
            throw new ArgumentException($"{rowKinds.Length} row kinds were given for {rowCount} rows.", nameof(rowKinds));
        }

        Schema = schema;
        _columns = [.. columns];
        _physicalRowCount = rowCount;
        if (!rowKinds.IsEmpty)
        {
            foreach (var kind in rowKinds)
            {
                if (kind > RowKindExtensions.MaxValue)
                {
                    throw new ArgumentException($"Unknown row kind {(byte)kind}.", nameof(rowKinds));
                }
            }

            _rowKinds = BufferPool.Rent<RowKind>(rowCount);
            rowKinds.CopyTo(_rowKinds);
        }
    }

    /// <summary>Takes ownership of validated parts (no copies, no checks).</summary>
    internal RecordBatch(Schema schema, ColumnVector[] columns, int rowCount, RowKind[]? rowKinds, int[]? selection, int selectionCount)
    {
        Schema = schema;
        _columns = columns;
        _physicalRowCount = rowCount;
        _rowKinds = rowKinds;
        _selection = selection;
        _selectionCount = selectionCount;
    }

    /// <summary>The schema of the rows.</summary>
    public Schema Schema { get; }

    /// <summary>The number of logical rows: the selected rows, or all rows when there is no selection.</summary>
    public int RowCount => _selection is null ? _physicalRowCount : _selectionCount;

    /// <summary>The number of physical rows: the length of every column.</summary>
    public int PhysicalRowCount => _physicalRowCount;

    /// <summary>The number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>True when some row kind is not <see cref="RowKind.Insert"/> (the batch carries a row-kind column).</summary>
    public bool HasRowKinds => _rowKinds is not null;

    /// <summary>The kind of each physical row, or empty when every row is an insert.</summary>
    public ReadOnlySpan<RowKind> RowKinds => _rowKinds is null ? default : _rowKinds.AsSpan(0, _physicalRowCount);

    /// <summary>True when a filter marked the selected rows instead of copying them.</summary>
    public bool HasSelection => _selection is not null;

    /// <summary>The physical rows that are selected, ascending; empty when there is no selection.</summary>
    public ReadOnlySpan<int> Selection => _selection is null ? default : _selection.AsSpan(0, _selectionCount);

    /// <inheritdoc />
    public long SizeInBytes
    {
        get
        {
            long total = _rowKinds is null ? 0 : _physicalRowCount;
            foreach (var column in _columns)
            {
                total += column.SizeInBytes;
            }

            return total;
        }
    }

    /// <summary>
    /// The event time of each logical row in epoch milliseconds (microseconds rounded down), read once from the
    /// schema's row-time column; <see cref="long.MinValue"/> for a null; empty when the schema has no row time.
    /// </summary>
    public ReadOnlySpan<long> Timestamps
    {
        get
        {
            if (Schema.RowTimeIndex < 0 || _disposed)
            {
                return default;
            }

            _timestamps ??= ComputeTimestamps();
            return _timestamps.AsSpan(0, RowCount);
        }
    }

    /// <summary>The column at <paramref name="index"/> (owned by this batch).</summary>
    public ColumnVector Column(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _columns[index];
    }

    /// <summary>The column named <paramref name="name"/> (case-sensitive; owned by this batch).</summary>
    /// <exception cref="ArgumentException">There is no such column.</exception>
    public ColumnVector Column(string name)
    {
        var index = Schema.IndexOf(name);
        if (index < 0)
        {
            throw new ArgumentException($"There is no column named `{name}`.", nameof(name));
        }

        return Column(index);
    }

    /// <summary>The kind of the physical row <paramref name="physicalRow"/>.</summary>
    public RowKind GetRowKind(int physicalRow) => _rowKinds is null ? RowKind.Insert : RowKinds[physicalRow];

    /// <summary>The physical row of logical row <paramref name="row"/>.</summary>
    public int PhysicalRow(int row) => _selection is null ? row : Selection[row];

    /// <summary>
    /// Marks the selected rows instead of copying them, replacing any previous selection. Consumes this batch:
    /// the returned batch takes over its columns and buffers, and this one is left empty.
    /// </summary>
    /// <param name="selection">Physical rows, strictly ascending (copied).</param>
    /// <exception cref="ArgumentException">The rows are out of range or not strictly ascending.</exception>
    public RecordBatch WithSelection(ReadOnlySpan<int> selection)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var previous = -1;
        foreach (var row in selection)
        {
            if (row <= previous || row >= _physicalRowCount)
            {
                throw new ArgumentException(
                    $"Selected rows must be strictly ascending physical rows below {_physicalRowCount}; found {row} after {previous}.",
                    nameof(selection));
            }

            previous = row;
        }

        var rows = BufferPool.Rent<int>(selection.Length);
        selection.CopyTo(rows);
        var result = new RecordBatch(Schema, _columns, _physicalRowCount, _rowKinds, rows, selection.Length);
        _rowKinds = null;
        _columns = [];
        if (_selection is not null)
        {
            BufferPool.Return(_selection);
            _selection = null;
        }

        Dispose();
        return result;
    }

    /// <summary>
    /// Materializes the selected rows. Consumes this batch: returns it unchanged when there is no selection,
    /// otherwise a new batch of only the selected rows (and disposes this one).
    /// </summary>
    public RecordBatch Compact()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_selection is null)
        {
            return this;
        }

        var result = GatherPhysical(Selection);
        Dispose();
        return result;
    }

    /// <summary>
    /// A new batch (without selection) of the logical rows <paramref name="rows"/>, in that order, with their
    /// row kinds. This batch is unchanged and keeps its owner.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is not a logical row of this batch.</exception>
    public RecordBatch Gather(ReadOnlySpan<int> rows)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_selection is null)
        {
            return GatherPhysical(rows);
        }

        const int StackLimit = 256;
        int[]? rented = null;
        Span<int> physical = rows.Length <= StackLimit ? stackalloc int[StackLimit] : (rented = BufferPool.Rent<int>(rows.Length));
        try
        {
            var selection = Selection;
            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                if ((uint)row >= (uint)selection.Length)
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(rows), $"Row {row} is outside the batch.");
                }

                physical[i] = selection[row];
            }

            return GatherPhysical(physical[..rows.Length]);
        }
        finally
        {
            if (rented is not null)
            {
                BufferPool.Return(rented);
            }
        }
    }

    /// <inheritdoc />
    IBatch IBatch.Gather(ReadOnlySpan<int> rows) => Gather(rows);

    /// <summary>Disposes the columns and returns the batch's buffers to the pool. Extra calls are ignored.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var column in _columns)
        {
            column.Dispose();
        }

        _columns = [];
        if (_rowKinds is not null)
        {
            BufferPool.Return(_rowKinds);
            _rowKinds = null;
        }

        if (_selection is not null)
        {
            BufferPool.Return(_selection);
            _selection = null;
        }

        if (_timestamps is not null)
        {
            BufferPool.Return(_timestamps);
            _timestamps = null;
        }

        _physicalRowCount = 0;
        _selectionCount = 0;
    }

    /// <summary>
    /// The logical rows in Flink's changelog notation, for example <c>+I[1, abc, null]</c>: for tests and
    /// debugging (allocates).
    /// </summary>
    public string[] ToRowStrings()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = new string[RowCount];
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < result.Length; i++)
        {
            var row = PhysicalRow(i);
            builder.Clear().Append(GetRowKind(row).ToShortString()).Append('[');
            for (var c = 0; c < _columns.Length; c++)
            {
                if (c > 0)
                {
                    builder.Append(", ");
                }

                ValueFormatter.Append(builder, _columns[c].GetValue(row));
            }

            result[i] = builder.Append(']').ToString();
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => $"RecordBatch[{RowCount} rows] {Schema}";

    /// <summary>A new batch of the selected rows (all rows without selection); this batch is unchanged.</summary>
    internal RecordBatch GatherSelected()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _selection is null ? GatherPhysical(AllRows()) : GatherPhysical(Selection);
    }

    private int[] AllRows()
    {
        var rows = new int[_physicalRowCount];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i;
        }

        return rows;
    }

    private RecordBatch GatherPhysical(ReadOnlySpan<int> rows)
    {
        if (_columns.Length == 0 && _rowKinds is null)
        {
            foreach (var row in rows)
            {
                if ((uint)row >= (uint)_physicalRowCount)
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(rows), $"Row {row} is outside the batch.");
                }
            }
        }

        var columns = new ColumnVector[_columns.Length];
        var done = 0;
        RowKind[]? kinds = null;
        try
        {
            for (; done < columns.Length; done++)
            {
                columns[done] = _columns[done].Gather(rows);
            }

            if (_rowKinds is not null)
            {
                kinds = GatherRowKinds(rows);
            }

            return new RecordBatch(Schema, columns, rows.Length, kinds, null, 0);
        }
        catch
        {
            for (var i = 0; i < done; i++)
            {
                columns[i].Dispose();
            }

            throw;
        }
    }

    /// <summary>The gathered row kinds, or null when all of them are inserts.</summary>
    private RowKind[]? GatherRowKinds(ReadOnlySpan<int> rows)
    {
        var source = _rowKinds!;
        var physicalCount = (uint)_physicalRowCount;
        RowKind[]? kinds = null;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if ((uint)row >= physicalCount)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(rows), $"Row {row} is outside the batch.");
            }

            var kind = source[row];
            if (kind != RowKind.Insert && kinds is null)
            {
                kinds = BufferPool.RentCleared<RowKind>(rows.Length);
            }

            if (kinds is not null)
            {
                kinds[i] = kind;
            }
        }

        return kinds;
    }

    private long[] ComputeTimestamps()
    {
        var column = _columns[Schema.RowTimeIndex] as PrimitiveVector<long>
            ?? throw new InvalidOperationException("The row-time column is not stored as 64-bit integers.");
        var count = RowCount;
        var timestamps = BufferPool.Rent<long>(count);
        var micros = column.Values;
        var selection = Selection;
        var hasSelection = _selection is not null;
        if (!column.HasNulls)
        {
            for (var i = 0; i < count; i++)
            {
                timestamps[i] = TemporalConversions.MicrosToMillis(micros[hasSelection ? selection[i] : i]);
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                var row = hasSelection ? selection[i] : i;
                timestamps[i] = column.IsNull(row) ? long.MinValue : TemporalConversions.MicrosToMillis(micros[row]);
            }
        }

        return timestamps;
    }
}
