using System.Runtime.CompilerServices;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Core.Batches;

/// <summary>
/// Builds a <see cref="RecordBatch"/> column by column: append one value (or null) to every column per row,
/// optionally one <see cref="RowKind"/> per row, then <see cref="Build"/>.
/// </summary>
/// <remarks>
/// <para>The typed appenders (<see cref="AppendInt64"/>, <see cref="AppendString(int, ReadOnlySpan{byte})"/>, ...)
/// take the storage value of the column (for example microseconds for <c>TIMESTAMP</c>, days for <c>DATE</c>, the
/// unscaled value for <c>DECIMAL</c>) and do not allocate. <see cref="Append(int, object?)"/> and
/// <see cref="AppendRow(object?[])"/> take boxed .NET values (see <see cref="ColumnVectorBuilder"/>) for tests and
/// edges. For hot loops, cast <see cref="Column"/> to its typed builder once.</para>
/// <para>Row kinds: either never call <see cref="AppendRowKind"/> (every row is an insert) or call it once per row.
/// </para>
/// <para><b>Lifecycle.</b> After <see cref="Build"/> the builder is empty and may be reused. <see cref="Dispose"/>
/// returns the buffers of rows not built. Not thread-safe.</para>
/// </remarks>
public sealed class RecordBatchBuilder : IDisposable
{
    private readonly ColumnVectorBuilder[] _columns;
    private readonly int _capacity;
    private RowKind[] _rowKinds = [];
    private int _rowKindCount;
    private bool _hasNonInsert;

    /// <summary>Creates a builder.</summary>
    /// <param name="schema">The schema of the rows.</param>
    /// <param name="capacity">The number of rows to make room for before growing.</param>
    public RecordBatchBuilder(Schema schema, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _capacity = Math.Max(1, capacity);
        _columns = new ColumnVectorBuilder[schema.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = ColumnVectorBuilder.Create(schema[i].DataType, _capacity);
        }
    }

    /// <summary>The schema of the rows.</summary>
    public Schema Schema { get; }

    /// <summary>The number of rows appended so far: the value count of the first column (or of row kinds).</summary>
    public int RowCount => _columns.Length > 0 ? _columns[0].Count : _rowKindCount;

    /// <summary>The builder of column <paramref name="column"/>, to cast to its typed builder for hot loops.</summary>
    public ColumnVectorBuilder Column(int column) => _columns[column];

    /// <summary>Appends a null to a column.</summary>
    public void AppendNull(int column) => _columns[column].AppendNull();

    /// <summary>Appends to a <c>BOOLEAN</c> column.</summary>
    public void AppendBoolean(int column, bool value) => Typed<BooleanVectorBuilder>(column).Append(value);

    /// <summary>Appends to a <c>TINYINT</c> column.</summary>
    public void AppendInt8(int column, sbyte value) => Typed<PrimitiveVectorBuilder<sbyte>>(column).Append(value);

    /// <summary>Appends to a <c>SMALLINT</c> column.</summary>
    public void AppendInt16(int column, short value) => Typed<PrimitiveVectorBuilder<short>>(column).Append(value);

    /// <summary>Appends to an <c>INT</c>, <c>DATE</c> (days) or <c>INTERVAL YEAR TO MONTH</c> (months) column.</summary>
    public void AppendInt32(int column, int value) => Typed<PrimitiveVectorBuilder<int>>(column).Append(value);

    /// <summary>
    /// Appends to a <c>BIGINT</c>, <c>TIME</c>/<c>TIMESTAMP</c>/<c>TIMESTAMP_LTZ</c>/<c>INTERVAL DAY TO SECOND</c>
    /// (microseconds) or <c>DECIMAL(p ≤ 18)</c> (unscaled) column.
    /// </summary>
    public void AppendInt64(int column, long value) => Typed<PrimitiveVectorBuilder<long>>(column).Append(value);

    /// <summary>Appends to a <c>FLOAT</c> column.</summary>
    public void AppendFloat(int column, float value) => Typed<PrimitiveVectorBuilder<float>>(column).Append(value);

    /// <summary>Appends to a <c>DOUBLE</c> column.</summary>
    public void AppendDouble(int column, double value) => Typed<PrimitiveVectorBuilder<double>>(column).Append(value);

    /// <summary>Appends to a <c>DECIMAL</c> column, rounding half up to its scale.</summary>
    /// <exception cref="OverflowException">The value needs more digits than the column's precision.</exception>
    public void AppendDecimal(int column, decimal value)
    {
        var builder = _columns[column];
        var unscaled = Decimals.ToUnscaled(value, builder.DataType);
        if (builder is PrimitiveVectorBuilder<long> decimal64)
        {
            decimal64.Append((long)unscaled);
        }
        else
        {
            Typed<PrimitiveVectorBuilder<Int128>>(column).Append(unscaled);
        }
    }

    /// <summary>Appends the unscaled value to a <c>DECIMAL(p &gt; 18)</c> column.</summary>
    public void AppendInt128(int column, Int128 value) => Typed<PrimitiveVectorBuilder<Int128>>(column).Append(value);

    /// <summary>Appends a string (UTF-8 encoded; null appends a null) to a string column.</summary>
    public void AppendString(int column, string? value) => Typed<BytesVectorBuilder>(column).Append(value);

    /// <summary>Appends UTF-8 bytes to a string column.</summary>
    public void AppendString(int column, ReadOnlySpan<byte> utf8) => Typed<BytesVectorBuilder>(column).Append(utf8);

    /// <summary>Appends bytes to a binary column.</summary>
    public void AppendBytes(int column, ReadOnlySpan<byte> value) => Typed<BytesVectorBuilder>(column).Append(value);

    /// <summary>Appends a boxed .NET value (null appends a null); see <see cref="ColumnVectorBuilder"/> for the types.</summary>
    public void Append(int column, object? value) => _columns[column].Append(value);

    /// <summary>Appends one insert row of boxed .NET values, one per column.</summary>
    /// <exception cref="ArgumentException">The number of values is not the number of columns.</exception>
    public void AppendRow(params object?[] values) => AppendRow(RowKind.Insert, values);

    /// <summary>Appends one row of the given kind and boxed .NET values, one per column.</summary>
    /// <exception cref="ArgumentException">The number of values is not the number of columns.</exception>
    public void AppendRow(RowKind kind, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _columns.Length)
        {
            throw new ArgumentException($"{values.Length} values were given for {_columns.Length} columns.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            _columns[i].Append(values[i]);
        }

        AppendRowKind(kind);
    }

    /// <summary>Appends the kind of the next row (see the remarks).</summary>
    public void AppendRowKind(RowKind kind)
    {
        if (kind > RowKindExtensions.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown row kind.");
        }

        if (kind != RowKind.Insert && !_hasNonInsert)
        {
            _hasNonInsert = true;
            _rowKinds = BufferPool.RentCleared<RowKind>(Math.Max(_capacity, _rowKindCount + 1));
        }

        if (_hasNonInsert)
        {
            if (_rowKindCount == _rowKinds.Length)
            {
                BufferPool.Grow(ref _rowKinds, _rowKindCount, _rowKindCount + 1);
            }

            _rowKinds[_rowKindCount] = kind;
        }

        _rowKindCount++;
    }

    /// <summary>Builds the batch of the appended rows and empties the builder. The caller owns the batch.</summary>
    /// <exception cref="InvalidOperationException">The columns (or row kinds) have different numbers of values.</exception>
    public RecordBatch Build()
    {
        var rows = RowCount;
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_columns[i].Count != rows)
            {
                throw new InvalidOperationException(
                    $"Column {i} ({Schema[i]}) has {_columns[i].Count} values, but column 0 has {rows}.");
            }
        }

        if (_rowKindCount != 0 && _rowKindCount != rows)
        {
            throw new InvalidOperationException($"{_rowKindCount} row kinds were appended for {rows} rows.");
        }

        var columns = new ColumnVector[_columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = _columns[i].Build();
        }

        var kinds = _hasNonInsert ? _rowKinds : null;
        _rowKinds = [];
        _rowKindCount = 0;
        _hasNonInsert = false;
        return new RecordBatch(Schema, columns, rows, kinds, null, 0);
    }

    /// <summary>Returns the buffers of rows not built to the pool.</summary>
    public void Dispose()
    {
        foreach (var column in _columns)
        {
            column.Dispose();
        }

        BufferPool.Return(_rowKinds);
        _rowKinds = [];
        _rowKindCount = 0;
        _hasNonInsert = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TBuilder Typed<TBuilder>(int column)
        where TBuilder : ColumnVectorBuilder
    {
        var builder = _columns[column];
        return builder as TBuilder ?? ThrowWrongType<TBuilder>(column);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TBuilder ThrowWrongType<TBuilder>(int column) =>
        throw new InvalidOperationException(
            $"Column {column} ({Schema[column]}) is stored as {Schema[column].DataType.PhysicalType}; " +
            $"this appender needs a {typeof(TBuilder).Name}.");
}
