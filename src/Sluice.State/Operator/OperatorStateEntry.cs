using System.Collections.ObjectModel;

namespace Sluice.State.Operator;

/// <summary>One operator list state inside an <see cref="OperatorStateSnapshot"/>: its mode and its serialized items.</summary>
/// <remarks>Immutable: the item arrays must not be modified after construction.</remarks>
public sealed class OperatorStateEntry
{
    /// <summary>Creates an entry, copying the item list (not the items).</summary>
    /// <param name="name">The state's name.</param>
    /// <param name="mode">How the state is redistributed.</param>
    /// <param name="serializerVersion">The version of the serializer that wrote the items.</param>
    /// <param name="items">The serialized items, one byte array each.</param>
    public OperatorStateEntry(string name, OperatorStateMode mode, int serializerVersion, IEnumerable<byte[]> items)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(items);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown operator state mode.");
        }

        Name = name;
        Mode = mode;
        SerializerVersion = serializerVersion;
        Items = new ReadOnlyCollection<byte[]>(items.ToArray());
    }

    /// <summary>The state's name.</summary>
    public string Name { get; }

    /// <summary>How the state is redistributed.</summary>
    public OperatorStateMode Mode { get; }

    /// <summary>The version of the serializer that wrote the items.</summary>
    public int SerializerVersion { get; }

    /// <summary>The serialized items, in list order.</summary>
    public IReadOnlyList<byte[]> Items { get; }

    /// <inheritdoc />
    public override string ToString() => $"Operator state '{Name}' ({Mode}, {Items.Count} items)";
}
