using System.Text;
using Sluice.Core.Batches;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Output;

/// <summary>
/// The table a changelog describes: <c>+I</c> and <c>+U</c> add a row, <c>-U</c> and <c>-D</c> remove one equal row
/// (rows compare by the text forms of their values, which are distinct for distinct values of a type). Rows keep
/// the order in which they were added, and a <c>+U</c> that directly follows a <c>-U</c> takes the place of the row
/// the <c>-U</c> removed, so that an updated row stays where it was.
/// </summary>
/// <remarks>
/// <para>Removing is O(1): rows live in a list where removed ones leave a hole, indexed by content; the holes are
/// compacted when they outnumber the rows. A retraction of a row that is not in the table is counted in
/// <see cref="UnmatchedRetractions"/> and otherwise ignored (Flink's client does the same).</para>
/// <para>Not thread-safe.</para>
/// </remarks>
internal sealed class MaterializedTable
{
    private readonly List<string?[]?> _slots = [];
    private readonly Dictionary<string, Stack<int>> _positions = new(StringComparer.Ordinal);
    private int _holes;
    private int _pendingUpdateSlot = -1;

    /// <summary>Creates an empty table of <paramref name="columnCount"/> columns.</summary>
    public MaterializedTable(int columnCount)
    {
        ColumnCount = columnCount;
    }

    /// <summary>The number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>The number of rows in the table.</summary>
    public int Count => _slots.Count - _holes;

    /// <summary>Retractions that found no equal row.</summary>
    public long UnmatchedRetractions { get; private set; }

    /// <summary>The rows, in table order; a null value is SQL NULL.</summary>
    public IEnumerable<string?[]> Rows => _slots.OfType<string?[]>();

    /// <summary>Applies every logical row of <paramref name="batch"/> (which stays with its owner).</summary>
    public void Apply(RecordBatch batch, ResultText text)
    {
        for (var i = 0; i < batch.RowCount; i++)
        {
            var row = batch.PhysicalRow(i);
            var values = new string?[batch.ColumnCount];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = text.Format(batch.Column(c), row);
            }

            Apply(batch.GetRowKind(row), values);
        }
    }

    /// <summary>Applies one change.</summary>
    public void Apply(RowKind kind, string?[] values)
    {
        if (values.Length != ColumnCount)
        {
            throw new ArgumentException($"Expected {ColumnCount} values, got {values.Length}.", nameof(values));
        }

        var key = KeyOf(values);
        if (kind.IsAdditive())
        {
            var slot = kind == RowKind.UpdateAfter && _pendingUpdateSlot >= 0 ? _pendingUpdateSlot : -1;
            if (slot >= 0)
            {
                _slots[slot] = values;
                _holes--;
            }
            else
            {
                slot = _slots.Count;
                _slots.Add(values);
            }

            if (!_positions.TryGetValue(key, out var positions))
            {
                _positions[key] = positions = new Stack<int>();
            }

            positions.Push(slot);
            _pendingUpdateSlot = -1;
            return;
        }

        _pendingUpdateSlot = -1;
        if (!_positions.TryGetValue(key, out var stack) || stack.Count == 0)
        {
            UnmatchedRetractions++;
            return;
        }

        var removed = stack.Pop();
        if (stack.Count == 0)
        {
            _positions.Remove(key);
        }

        _slots[removed] = null;
        _holes++;
        if (kind == RowKind.UpdateBefore)
        {
            _pendingUpdateSlot = removed;
        }
        else if (_holes > 64 && _holes > _slots.Count / 2)
        {
            Compact();
        }
    }

    /// <summary>An injective key of a row: each value length-prefixed, nulls marked.</summary>
    private static string KeyOf(string?[] values)
    {
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            if (value is null)
            {
                builder.Append('N');
            }
            else
            {
                builder.Append(value.Length).Append(':').Append(value);
            }

            builder.Append(';');
        }

        return builder.ToString();
    }

    private void Compact()
    {
        var rows = _slots.OfType<string?[]>().ToList();
        _slots.Clear();
        _positions.Clear();
        _holes = 0;
        foreach (var row in rows)
        {
            var key = KeyOf(row);
            if (!_positions.TryGetValue(key, out var positions))
            {
                _positions[key] = positions = new Stack<int>();
            }

            positions.Push(_slots.Count);
            _slots.Add(row);
        }
    }
}
