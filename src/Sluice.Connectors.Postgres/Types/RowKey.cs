namespace Sluice.Connectors.Postgres.Types;

/// <summary>
/// A tuple of external values compared by value (byte arrays by content), for buffering by primary key and for
/// matching looked-up rows to their keys. Immutable.
/// </summary>
internal sealed class RowKey : IEquatable<RowKey>
{
    private readonly object?[] _values;
    private readonly int _hash;

    public RowKey(object?[] values)
    {
        _values = values;
        var hash = new HashCode();
        foreach (var value in values)
        {
            hash.Add(value is byte[] bytes ? bytes.Length : value?.GetHashCode() ?? 0);
        }

        _hash = hash.ToHashCode();
    }

    public IReadOnlyList<object?> Values => _values;

    public bool Equals(RowKey? other)
    {
        if (other is null || other._values.Length != _values.Length)
        {
            return false;
        }

        for (var i = 0; i < _values.Length; i++)
        {
            var (a, b) = (_values[i], other._values[i]);
            var same = a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

    public override int GetHashCode() => _hash;

    public override string ToString() => "(" + string.Join(", ", _values.Select(v => v ?? "NULL")) + ")";
}
