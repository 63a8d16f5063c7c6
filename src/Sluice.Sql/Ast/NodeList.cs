using System.Collections;

namespace Sluice.Sql.Ast;

/// <summary>
/// An immutable list of syntax tree children that compares by value (element by element), so records holding
/// lists keep structural equality.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class NodeList<T> : IReadOnlyList<T>, IEquatable<NodeList<T>>
{
    private readonly T[] _items;

    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    public NodeList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
    }

    private NodeList(T[] items, bool _)
    {
        _items = items;
    }

    /// <summary>The empty list.</summary>
    public static NodeList<T> Empty { get; } = new([], false);

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <summary>Equality operator (element-wise).</summary>
    public static bool operator ==(NodeList<T>? left, NodeList<T>? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality operator (element-wise).</summary>
    public static bool operator !=(NodeList<T>? left, NodeList<T>? right) => !(left == right);

    /// <summary>Creates a list from an array the caller gives up (no copy).</summary>
    internal static NodeList<T> Wrap(T[] items) => items.Length == 0 ? Empty : new NodeList<T>(items, false);

    /// <summary>Creates a list from a builder list (copied).</summary>
    internal static NodeList<T> From(List<T>? items) => items is null || items.Count == 0 ? Empty : new NodeList<T>(items.ToArray(), false);

    /// <inheritdoc />
    public bool Equals(NodeList<T>? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_items.Length != other._items.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NodeList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _items);
}
