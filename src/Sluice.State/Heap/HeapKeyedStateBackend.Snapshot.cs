using Sluice.Core.Serialization;
using Sluice.State.Internal;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <content>Snapshotting: the synchronous capture of every state and timer into per-key-group bytes.</content>
public sealed partial class HeapKeyedStateBackend<TKey>
{
    /// <inheritdoc />
    public KeyGroupsSnapshot Snapshot()
    {
        ThrowIfDisposed();
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var stateNames = _states.Keys.Concat(_pendingStates.Keys).Order(StringComparer.Ordinal).ToArray();
        var timerNames = _timerQueues.Keys.Concat(_pendingTimerQueues.Keys).Order(StringComparer.Ordinal).ToArray();
        var offsets = new int[_range.Count + 1];
        using var writer = new BinaryBufferWriter(4096);
        using var scratch = new BinaryBufferWriter(1024);
        writer.WriteInt32(KeyedSnapshotFormat.DataMagic);
        writer.WriteByte(KeyedSnapshotFormat.DataVersion);
        writer.WriteVarUInt64((ulong)_keySerializer.Version);

        foreach (var queue in _timerQueues.Values)
        {
            queue.BeginSnapshot();
        }

        try
        {
            for (var index = 0; index < _range.Count; index++)
            {
                offsets[index] = writer.Length;
                writer.WriteVarUInt64((ulong)(_range.Start + index));
                WriteStates(writer, scratch, stateNames, index, now);
                WriteTimerQueues(writer, scratch, timerNames, index);
            }
        }
        finally
        {
            foreach (var queue in _timerQueues.Values)
            {
                queue.EndSnapshot();
            }
        }

        offsets[_range.Count] = writer.Length;
        return new KeyGroupsSnapshot(_range, writer.ToArray(), offsets);
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
