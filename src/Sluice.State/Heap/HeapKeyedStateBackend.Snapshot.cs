using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.State.Internal;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <content>Snapshotting: the synchronous capture of every state and timer into per-key-group bytes.</content>
public sealed partial class HeapKeyedStateBackend<TKey>
{
    /// <inheritdoc />
    /// <remarks>
    /// Each key group is written into one reused buffer and kept as an array of its own; the snapshot's data is then one
    /// array of exactly the total size, filled from them. A single growing buffer instead doubled a dozen times for a
    /// large state (each doubling a copy of everything so far, and the large buffers left in the shared array pool), so
    /// that a snapshot of S bytes took about 3 S of memory; this takes 2 S.
    /// </remarks>
    public KeyGroupsSnapshot Snapshot()
    {
        ThrowIfDisposed();
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var stateNames = _states.Keys.Concat(_pendingStates.Keys).Order(StringComparer.Ordinal).ToArray();
        var timerNames = _timerQueues.Keys.Concat(_pendingTimerQueues.Keys).Order(StringComparer.Ordinal).ToArray();
        var offsets = new int[_range.Count + 1];
        var groups = new byte[_range.Count][];
        using var group = new BinaryBufferWriter(4096);
        using var scratch = new BinaryBufferWriter(1024);
        group.WriteInt32(KeyedSnapshotFormat.DataMagic);
        group.WriteByte(KeyedSnapshotFormat.DataVersion);
        group.WriteVarUInt64((ulong)_keySerializer.Version);
        var header = group.ToArray();
        long total = header.Length;

        foreach (var queue in _timerQueues.Values)
        {
            queue.BeginSnapshot();
        }

        try
        {
            for (var index = 0; index < _range.Count; index++)
            {
                group.Reset();
                group.WriteVarUInt64((ulong)(_range.Start + index));
                WriteStates(group, scratch, stateNames, index, now);
                WriteTimerQueues(group, scratch, timerNames, index);
                groups[index] = group.ToArray();
                total += group.Length;
                if (total > Array.MaxLength)
                {
                    throw new StateException(
                        $"The keyed state of key groups {_range} takes more than {Array.MaxLength} bytes, more than one snapshot can " +
                        "hold; run the job at a higher parallelism.", ErrorDomain.User);
                }
            }
        }
        finally
        {
            foreach (var queue in _timerQueues.Values)
            {
                queue.EndSnapshot();
            }
        }

        var data = GC.AllocateUninitializedArray<byte>((int)total);
        header.CopyTo(data, 0);
        var position = header.Length;
        for (var index = 0; index < groups.Length; index++)
        {
            offsets[index] = position;
            groups[index].CopyTo(data, position);
            position += groups[index].Length;
            groups[index] = [];
        }

        offsets[_range.Count] = position;
        return new KeyGroupsSnapshot(_range, data, offsets);
    }

    private static void WriteSection(BinaryBufferWriter writer, ReadOnlySpan<byte> payload)
    {
        writer.WriteInt32(payload.Length);
        writer.WriteRaw(payload);
    }

    private static void WriteStateHeader(BinaryBufferWriter writer, string name, StateKind kind, int[] versions, byte flags)
    {
        writer.WriteString(name);
        writer.WriteByte((byte)kind);
        writer.WriteVarUInt64((ulong)versions.Length);
        foreach (var version in versions)
        {
            writer.WriteVarUInt64((ulong)version);
        }

        writer.WriteByte(flags);
    }

    private void WriteStates(BinaryBufferWriter writer, BinaryBufferWriter scratch, string[] names, int index, long now)
    {
        var countPosition = writer.Length;
        writer.WriteInt32(0);
        var count = 0;
        foreach (var name in names)
        {
            if (_states.TryGetValue(name, out var state))
            {
                scratch.Reset();
                if (!state.WriteKeyGroup(index, scratch, now))
                {
                    continue;
                }

                var flags = state.Ttl is null ? (byte)0 : KeyedSnapshotFormat.FlagHasTimestamps;
                WriteStateHeader(writer, name, state.Kind, state.SerializerVersions, flags);
                WriteSection(writer, scratch.WrittenSpan);
                count++;
            }
            else
            {
                var pending = _pendingStates[name];
                var payload = pending.Payloads[index];
                if (payload.IsEmpty)
                {
                    continue;
                }

                WriteStateHeader(writer, name, pending.Kind, pending.SerializerVersions, pending.Flags[index]);
                WriteSection(writer, payload.Span);
                count++;
            }
        }

        writer.PatchInt32(countPosition, count);
    }

    private void WriteTimerQueues(BinaryBufferWriter writer, BinaryBufferWriter scratch, string[] names, int index)
    {
        var countPosition = writer.Length;
        writer.WriteInt32(0);
        var count = 0;
        foreach (var name in names)
        {
            if (_timerQueues.TryGetValue(name, out var queue))
            {
                scratch.Reset();
                if (!queue.WriteKeyGroup(_range.Start + index, scratch))
                {
                    continue;
                }

                writer.WriteString(name);
                writer.WriteVarUInt64((ulong)queue.NamespaceSerializerVersion);
                WriteSection(writer, scratch.WrittenSpan);
                count++;
            }
            else
            {
                var pending = _pendingTimerQueues[name];
                var payload = pending.Payloads[index];
                if (payload.IsEmpty)
                {
                    continue;
                }

                writer.WriteString(name);
                writer.WriteVarUInt64((ulong)pending.NamespaceSerializerVersion);
                WriteSection(writer, payload.Span);
                count++;
            }
        }

        writer.PatchInt32(countPosition, count);
    }
}
