using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using Sluice.Core.Errors;
using Sluice.Core.Hashing;
using Sluice.Core.Serialization;

namespace Sluice.State.Operator;

/// <summary>
/// An immutable capture of one subtask's operator state: per state name, its mode and its items serialized one byte
/// array each. <see cref="Redistribute"/> computes what a subtask receives after a change of parallelism.
/// </summary>
/// <remarks><b>Threading.</b> Immutable: safe to read from any thread.</remarks>
public sealed class OperatorStateSnapshot
{
    private const int Magic = 0x53504F53; // "SOPS"
    private const byte FormatVersion = 1;

    private readonly Dictionary<string, OperatorStateEntry> _byName;

    /// <summary>Creates a snapshot of the given states (names must be unique).</summary>
    public OperatorStateSnapshot(IEnumerable<OperatorStateEntry> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var sorted = states.OrderBy(static s => s.Name, StringComparer.Ordinal).ToArray();
        _byName = new Dictionary<string, OperatorStateEntry>(sorted.Length, StringComparer.Ordinal);
        foreach (var state in sorted)
        {
            if (!_byName.TryAdd(state.Name, state))
            {
                throw new ArgumentException($"Operator state '{state.Name}' appears twice.", nameof(states));
            }
        }

        States = new ReadOnlyCollection<OperatorStateEntry>(sorted);
    }

    /// <summary>The snapshot with no state.</summary>
    public static OperatorStateSnapshot Empty { get; } = new([]);

    /// <summary>The states, sorted by name (ordinal).</summary>
    public IReadOnlyList<OperatorStateEntry> States { get; }

    /// <summary>Gets the state called <paramref name="name"/>.</summary>
    public bool TryGetState(string name, [MaybeNullWhen(false)] out OperatorStateEntry state) =>
        _byName.TryGetValue(name, out state);

    /// <summary>
    /// What subtask <paramref name="newSubtaskIndex"/> of <paramref name="newParallelism"/> receives from the snapshots
    /// of the previous subtasks (in subtask order). Split-evenly state: the items of all previous subtasks are
    /// concatenated in subtask order and item <c>j</c> goes to subtask <c>j % newParallelism</c>. Union state: every
    /// subtask receives all items. Every state name appears in the result, possibly with no items.
    /// </summary>
    /// <exception cref="StateException">A state has different modes or serializer versions in different subtasks.</exception>
    public static OperatorStateSnapshot Redistribute(IReadOnlyList<OperatorStateSnapshot> previous, int newParallelism, int newSubtaskIndex)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentOutOfRangeException.ThrowIfLessThan(newParallelism, 1);
        if (newSubtaskIndex < 0 || newSubtaskIndex >= newParallelism)
        {
            throw new ArgumentOutOfRangeException(nameof(newSubtaskIndex), newSubtaskIndex, $"Must be in [0..{newParallelism - 1}].");
        }

        var merged = new Dictionary<string, (OperatorStateMode Mode, int Version, List<byte[]> Items, int Next)>(StringComparer.Ordinal);
        foreach (var snapshot in previous)
        {
            ArgumentNullException.ThrowIfNull(snapshot, nameof(previous));
            foreach (var state in snapshot.States)
            {
                if (!merged.TryGetValue(state.Name, out var acc))
                {
                    acc = (state.Mode, state.SerializerVersion, [], 0);
                }
                else if (acc.Mode != state.Mode || acc.Version != state.SerializerVersion)
                {
                    throw new StateException(
                        $"Operator state '{state.Name}' has different modes or serializer versions in different subtasks " +
                        $"({acc.Mode} v{acc.Version} vs {state.Mode} v{state.SerializerVersion}).");
                }

                var next = acc.Next;
                foreach (var item in state.Items)
                {
                    if (state.Mode == OperatorStateMode.Union || next % newParallelism == newSubtaskIndex)
                    {
                        acc.Items.Add(item);
                    }

                    next++;
                }

                merged[state.Name] = acc with { Next = next };
            }
        }

        return new OperatorStateSnapshot(merged.Select(static kv => new OperatorStateEntry(kv.Key, kv.Value.Mode, kv.Value.Version, kv.Value.Items)));
    }

    /// <summary>Writes the snapshot (magic, version, states, CRC-32C) so that <see cref="Read"/> can read it back.</summary>
    public void Write(BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var start = writer.Length;
        writer.WriteInt32(Magic);
        writer.WriteByte(FormatVersion);
        writer.WriteVarUInt64((ulong)States.Count);
        foreach (var state in States)
        {
            writer.WriteString(state.Name);
            writer.WriteByte((byte)state.Mode);
            writer.WriteVarInt64(state.SerializerVersion);
            writer.WriteVarUInt64((ulong)state.Items.Count);
            foreach (var item in state.Items)
            {
                writer.WriteBytes(item);
            }
        }

        writer.WriteInt32((int)Crc32C.Compute(writer.WrittenSpan[start..]));
    }

    /// <summary>Reads a snapshot written by <see cref="Write"/>.</summary>
    /// <exception cref="StateException">The bytes are corrupt, truncated or of an unknown version.</exception>
    public static OperatorStateSnapshot Read(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        if (reader.ReadInt32() != Magic)
        {
            ThrowHelper.ThrowCorrupt($"Not an operator state snapshot: bad magic number at position {start}.");
        }

        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            ThrowHelper.ThrowCorrupt($"Unsupported operator state snapshot version {version} (expected {FormatVersion}).");
        }

        var count = reader.ReadVarUInt64();
        if (count > (ulong)reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt($"Operator state snapshot claims {count} states in {reader.Remaining} bytes.");
        }

        var states = new List<OperatorStateEntry>((int)count);
        for (ulong i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            if (string.IsNullOrEmpty(name))
            {
                ThrowHelper.ThrowCorrupt("An operator state has no name.");
            }

            var mode = (OperatorStateMode)reader.ReadByte();
            if (!Enum.IsDefined(mode))
            {
                ThrowHelper.ThrowCorrupt($"Operator state '{name}' has unknown mode {(byte)mode}.");
            }

            var serializerVersion = checked((int)reader.ReadVarInt64());
            var itemCount = reader.ReadVarUInt64();
            if (itemCount > (ulong)reader.Remaining)
            {
                ThrowHelper.ThrowCorrupt($"Operator state '{name}' claims {itemCount} items in {reader.Remaining} bytes.");
            }

            var items = new byte[(int)itemCount][];
            for (var j = 0; j < items.Length; j++)
            {
                items[j] = reader.ReadBytes().ToArray();
            }

            states.Add(new OperatorStateEntry(name, mode, serializerVersion, items));
        }

        var end = reader.Position;
        reader.Position = start;
        var crc = Crc32C.Compute(reader.ReadRaw(end - start));
        var stored = (uint)reader.ReadInt32();
        if (crc != stored)
        {
            ThrowHelper.ThrowCorrupt($"Operator state snapshot checksum mismatch (stored 0x{stored:X8}, computed 0x{crc:X8}).");
        }

        try
        {
            return new OperatorStateSnapshot(states);
        }
        catch (ArgumentException ex)
        {
            throw new StateException($"Corrupt operator state snapshot: {ex.Message}", ErrorDomain.External, ex);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"OperatorStateSnapshot ({States.Count} states)";
}
