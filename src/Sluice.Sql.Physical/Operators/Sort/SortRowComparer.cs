using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators.Sort;

/// <summary>
/// Orders <see cref="SortedRow"/>s: by time (when <c>byTime</c>), then by each <see cref="SortColumn"/> with its
/// direction and null placement, then by arrival. Values compare as Flink compares them: strings by their UTF-8
/// bytes (code point order), binary strings bytewise, floating-point with NaN above every number, timestamps by their
/// stored value (so nanoseconds of <c>TIMESTAMP(7..9)</c> order too; a boxed <see cref="DateTime"/> keeps only 100 ns).
/// </summary>
internal sealed class SortRowComparer : IComparer<SortedRow>
{
    private readonly SortColumn[] _keys;
    private readonly bool _byTime;
    private readonly bool[] _storedKeys;

    public SortRowComparer(Schema schema, IReadOnlyList<SortColumn> keys, bool byTime)
    {
        _keys = [.. keys];
        _byTime = byTime;
        _storedKeys = new bool[_keys.Length];
        for (var i = 0; i < _keys.Length; i++)
        {
            var key = _keys[i];
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            if ((uint)key.Column >= (uint)schema.Count)
            {
                throw new ArgumentException($"Sort key column {key.Column} is outside the schema {schema}.", nameof(keys));
            }

            if (schema[key.Column].DataType.IsNested)
            {
                throw new ArgumentException($"Cannot sort by {schema[key.Column]}: values of nested types are not comparable.", nameof(keys));
            }

            _storedKeys[i] = schema[key.Column].DataType.TypeId is TypeId.Timestamp or TypeId.TimestampLtz;
        }
    }

    /// <summary>The sort-key values of physical row <paramref name="row"/> of <paramref name="batch"/>.</summary>
    public object?[] KeysOf(RecordBatch batch, int row)
    {
        var values = new object?[_keys.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var column = batch.Column(_keys[i].Column);
            values[i] = _storedKeys[i] && column is PrimitiveVector<long> stored
                ? (column.IsNull(row) ? null : stored.Values[row])
                : KeyValue(column.GetValue(row));
        }

        return values;
    }

    /// <summary>
    /// The sort-key values of a decoded row (all columns, as <see cref="RowEncoder.Decode"/> returns them with
    /// <c>storedTimestamps</c>: timestamps as their stored Int64).
    /// </summary>
    public object?[] KeysOf(object?[] decodedRow)
    {
        var values = new object?[_keys.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = KeyValue(decodedRow[_keys[i].Column]);
        }

        return values;
    }

    /// <summary>A boxed column value in comparable form: strings become their UTF-8 bytes.</summary>
    public static object? KeyValue(object? value) => value is string s ? Encoding.UTF8.GetBytes(s) : value;

    public int Compare(SortedRow? x, SortedRow? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (_byTime)
        {
            var byTime = x.TimeMicros.CompareTo(y.TimeMicros);
            if (byTime != 0)
            {
                return byTime;
            }
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            var key = _keys[i];
            var a = x.Keys[i];
            var b = y.Keys[i];
            int result;
            if (a is null || b is null)
            {
                result = a is null && b is null ? 0 : (a is null) == key.NullsFirst ? -1 : 1;
            }
            else
            {
                result = CompareValues(a, b);
                if (!key.Ascending)
                {
                    result = -result;
                }
            }

            if (result != 0)
            {
                return result;
            }
        }

        return x.Sequence.CompareTo(y.Sequence);
    }

    private static int CompareValues(object a, object b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
        (double x, double y) => CompareFloating(x, y),
        (float x, float y) => CompareFloating(x, y),
        (IComparable x, _) => x.CompareTo(b),
        _ => throw new InvalidOperationException($"Values of {a.GetType().Name} are not comparable."),
    };

    private static int CompareFloating(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.IsNaN(x) ? (double.IsNaN(y) ? 0 : 1) : -1;
        }

        return x.CompareTo(y);
    }
}
