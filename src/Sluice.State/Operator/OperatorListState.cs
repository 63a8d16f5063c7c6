using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.State.Operator;

/// <summary>An operator list state: a plain list of items, serialized one byte array per item on snapshot.</summary>
internal sealed class OperatorListState<T> : IListState<T>, IOperatorListState
{
    private readonly List<T> _items = [];

    public OperatorListState(string name, OperatorStateMode mode, ITypeSerializer<T> serializer)
    {
        Name = name;
        Mode = mode;
        Serializer = serializer;
    }

    public string Name { get; }

    public OperatorStateMode Mode { get; }

    public ITypeSerializer<T> Serializer { get; }

    object IOperatorListState.Serializer => Serializer;

    public IEnumerable<T> Get() => _items.ToArray();

    public void Add(T value)
    {
        if (!typeof(T).IsValueType && value is null)
        {
            throw new ArgumentNullException(nameof(value), "Operator state items must not be null.");
        }

        _items.Add(value);
    }

    public void AddAll(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            Add(value);
        }
    }

    public void Update(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = values.ToArray();
        _items.Clear();
        AddAll(copy);
    }

    public void Clear() => _items.Clear();

    public void Restore(OperatorStateEntry entry)
    {
        foreach (var item in entry.Items)
        {
            var reader = new BinaryBufferReader(item);
            _items.Add(Serializer.Deserialize(reader));
            if (!reader.IsAtEnd)
            {
                Core.Errors.ThrowHelper.ThrowCorrupt($"An item has {reader.Remaining} trailing bytes.");
            }
        }
    }

    public OperatorStateEntry Snapshot(BinaryBufferWriter scratch)
    {
        var items = new byte[_items.Count][];
        for (var i = 0; i < items.Length; i++)
        {
            scratch.Reset();
            Serializer.Serialize(_items[i], scratch);
            items[i] = scratch.ToArray();
        }

        return new OperatorStateEntry(Name, Mode, Serializer.Version, items);
    }
}
