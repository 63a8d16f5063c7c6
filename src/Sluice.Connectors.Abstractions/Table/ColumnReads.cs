namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// Which columns of a source table's <see cref="TableContext.Schema"/> a job reads, and of a <c>ROW</c> column read
/// only through its fields (<c>bid.price</c>), which fields. A source may leave what is not read NULL instead of
/// filling it (Flink's projection pushdown, nested included, without changing the produced type): the <c>nexmark</c>
/// generator then skips the strings of unused fields. Reading everything is always correct. Immutable.
/// </summary>
public sealed class ColumnReads
{
    private readonly bool[] _whole;
    private readonly HashSet<int>?[] _fields;

    /// <summary>Creates the reads of a schema of <paramref name="columnCount"/> columns: nothing read yet.</summary>
    /// <param name="columnCount">The number of columns of the schema.</param>
    /// <param name="whole">Per column, true when the column is read as a whole.</param>
    /// <param name="fields">Per column, the fields read when it is read only through them (null when not).</param>
    public ColumnReads(int columnCount, IReadOnlyList<bool> whole, IReadOnlyList<IReadOnlySet<int>?> fields)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        ArgumentNullException.ThrowIfNull(whole);
        ArgumentNullException.ThrowIfNull(fields);
        if (whole.Count != columnCount || fields.Count != columnCount)
        {
            throw new ArgumentException($"Both lists need one entry per column ({columnCount}).", nameof(whole));
        }

        _whole = [.. whole];
        _fields = [.. fields.Select(f => f is null ? null : new HashSet<int>(f))];
    }

    /// <summary>The number of columns described.</summary>
    public int ColumnCount => _whole.Length;

    /// <summary>Whether anything of column <paramref name="column"/> is read.</summary>
    public bool IsRead(int column) => _whole[column] || _fields[column] is { Count: > 0 };

    /// <summary>Whether field <paramref name="field"/> of the <c>ROW</c> column <paramref name="column"/> is read (also when the whole column is).</summary>
    public bool IsRead(int column, int field) => _whole[column] || (_fields[column]?.Contains(field) ?? false);

    /// <summary>Whether every column is read as a whole (nothing to skip).</summary>
    public bool IsEverything => _whole.All(w => w);

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", Enumerable.Range(0, _whole.Length).Select(c =>
            _whole[c] ? $"#{c}" : _fields[c] is { Count: > 0 } f ? $"#{c}.{{{string.Join(",", f.Order())}}}" : $"-#{c}"));
}
