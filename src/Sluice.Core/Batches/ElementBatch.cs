namespace Sluice.Core.Batches;

/// <summary>
/// A batch of typed elements for C# jobs: an array of <typeparamref name="T"/> (structs or references) with an
/// optional event-time per element, both over pooled arrays. Elements are appended by one owner, then the
/// batch is handed on; <see cref="Dispose"/> returns the arrays to the pool.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ElementBatch<T> : IBatch
{
    private T[] _items;
    private long[]? _timestamps;
    private int _count;

    /// <summary>Creates an empty batch able to hold <paramref name="capacity"/> elements without growing.</summary>
    public ElementBatch(int capacity = 1024, bool withTimestamps = false)
    {
        _items = BufferPool.Rent<T>(Math.Max(1, capacity));
        _timestamps = withTimestamps ? BufferPool.Rent<long>(_items.Length) : null;
    }

    /// <inheritdoc />
    public int RowCount => _count;

    /// <summary>The elements.</summary>
    public ReadOnlySpan<T> Items => _items.AsSpan(0, _count);

    /// <inheritdoc />
    public ReadOnlySpan<long> Timestamps => _timestamps is null ? default : _timestamps.AsSpan(0, _count);

    /// <inheritdoc />
    public long SizeInBytes => (long)_count * (System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + (_timestamps is null ? 0 : sizeof(long)));

    /// <summary>True when the batch carries an event time per element.</summary>
    public bool HasTimestamps => _timestamps is not null;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public T this[int index] => _items[index];

    /// <summary>Appends an element without event time.</summary>
    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        _items[_count++] = item;
    }

    /// <summary>Appends an element with its event time (epoch milliseconds).</summary>
    public void Add(T item, long timestamp)
    {
        if (_timestamps is null)
        {
            throw new InvalidOperationException("This batch was created without timestamps.");
        }

        if (_count == _items.Length)
        {
            Grow();
        }

        _timestamps[_count] = timestamp;
        _items[_count++] = item;
    }

    /// <inheritdoc />
    public IBatch Gather(ReadOnlySpan<int> rows)
    {
        var result = new ElementBatch<T>(rows.Length, _timestamps is not null);
        if (_timestamps is null)
        {
            foreach (var row in rows)
            {
                result.Add(_items[row]);
            }
        }
        else
        {
            foreach (var row in rows)
            {
                result.Add(_items[row], _timestamps[row]);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_items.Length == 0)
        {
            return;
        }

        BufferPool.Return(_items);
        if (_timestamps is not null)
        {
            BufferPool.Return(_timestamps);
        }

        _items = [];
        _timestamps = null;
        _count = 0;
    }

    private void Grow()
    {
        var next = BufferPool.Rent<T>(_items.Length * 2);
        _items.AsSpan(0, _count).CopyTo(next);
        BufferPool.Return(_items);
        _items = next;
        if (_timestamps is not null)
        {
            var ts = BufferPool.Rent<long>(next.Length);
            _timestamps.AsSpan(0, _count).CopyTo(ts);
            BufferPool.Return(_timestamps);
            _timestamps = ts;
        }
    }
}
