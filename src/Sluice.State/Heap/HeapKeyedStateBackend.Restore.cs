using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.State.Internal;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <content>Restoring: keeps the raw bytes of this backend's key groups until each state is declared.</content>
public sealed partial class HeapKeyedStateBackend<TKey>
{
    private const int MaxSerializerVersions = 16;

    /// <inheritdoc />
    public void Restore(IEnumerable<KeyGroupsSnapshot> snapshots)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(snapshots);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var snapshot in snapshots)
        {
            ArgumentNullException.ThrowIfNull(snapshot, nameof(snapshots));
            ValidateHeader(snapshot);
            var overlap = snapshot.Range.Intersect(_range);
            for (var keyGroup = overlap.Start; keyGroup <= overlap.End; keyGroup++)
            {
                try
                {
                    RestoreKeyGroup(keyGroup, snapshot.KeyGroupData(keyGroup), now);
                }
                catch (Exception ex) when (ex is not StateException)
                {
                    throw new StateException($"Corrupt keyed state snapshot data in key group {keyGroup}: {ex.Message}", ErrorDomain.External, ex);
                }
            }
        }
    }

    private void ValidateHeader(KeyGroupsSnapshot snapshot)
    {
        var reader = new BinaryBufferReader(snapshot.Data.AsMemory(0, snapshot.Offsets[0]));
        if (reader.ReadInt32() != KeyedSnapshotFormat.DataMagic)
        {
            ThrowHelper.ThrowCorrupt($"Not keyed state snapshot data (bad magic number) for {snapshot.Range}.");
        }

        var version = reader.ReadByte();
        if (version != KeyedSnapshotFormat.DataVersion)
        {
            ThrowHelper.ThrowCorrupt($"Unsupported keyed state snapshot data version {version} (expected {KeyedSnapshotFormat.DataVersion}).");
        }

        var keyVersion = reader.ReadVarUInt64();
        if (keyVersion != (ulong)_keySerializer.Version)
        {
            throw new StateException(
                $"The keyed state snapshot was written with key serializer version {keyVersion}, but the key serializer is version " +
                $"{_keySerializer.Version}; key migration is not supported.", ErrorDomain.User);
        }

        if (!reader.IsAtEnd)
        {
            ThrowHelper.ThrowCorrupt("Keyed state snapshot header has trailing bytes.");
        }
    }

    private void RestoreKeyGroup(int keyGroup, ReadOnlyMemory<byte> data, long now)
    {
        var index = keyGroup - _range.Start;
        var reader = new BinaryBufferReader(data);
        var stored = reader.ReadVarUInt64();
        if (stored != (ulong)keyGroup)
        {
            ThrowHelper.ThrowCorrupt($"Expected the data of key group {keyGroup} but found key group {stored}.");
        }

        var stateCount = reader.ReadInt32();
        for (var i = 0; i < stateCount; i++)
        {
            var name = ReadName(reader);
            var kind = (StateKind)reader.ReadByte();
            if (!Enum.IsDefined(kind))
            {
                ThrowHelper.ThrowCorrupt($"State '{name}' has unknown kind {(byte)kind}.");
            }

            var versionCount = reader.ReadVarUInt64();
            if (versionCount is 0 or > MaxSerializerVersions)
            {
                ThrowHelper.ThrowCorrupt($"State '{name}' has {versionCount} serializer versions.");
            }

            var versions = new int[versionCount];
            for (var v = 0; v < versions.Length; v++)
            {
                versions[v] = checked((int)reader.ReadVarUInt64());
            }

            var flags = reader.ReadByte();
            var payload = ReadSection(reader, data);
            if (_states.TryGetValue(name, out var state))
            {
                CheckCompatible(name, kind, versions, state);
                ReadStatePayload(state, keyGroup, payload, flags, now);
                continue;
            }

            if (!_pendingStates.TryGetValue(name, out var pending))
            {
                pending = new PendingState(kind, versions, _range.Count);
                _pendingStates.Add(name, pending);
            }
            else if (pending.Kind != kind || !pending.SerializerVersions.AsSpan().SequenceEqual(versions))
            {
                ThrowHelper.ThrowCorrupt($"State '{name}' has different kinds or serializer versions in different key groups.");
            }

            if (!pending.Payloads[index].IsEmpty)
            {
                ThrowHelper.ThrowCorrupt($"State '{name}' appears twice for key group {keyGroup} (overlapping snapshots?).");
            }

            pending.Payloads[index] = payload;
            pending.Flags[index] = flags;
        }

        var timerCount = reader.ReadInt32();
        for (var i = 0; i < timerCount; i++)
        {
            var name = ReadName(reader);
            var namespaceVersion = checked((int)reader.ReadVarUInt64());
            var payload = ReadSection(reader, data);
            if (_timerQueues.TryGetValue(name, out var queue))
            {
                CheckTimerCompatible(name, namespaceVersion, queue);
                ReadTimerPayload(queue, keyGroup, payload);
                continue;
            }

            if (!_pendingTimerQueues.TryGetValue(name, out var pending))
            {
                pending = new PendingTimerQueue(namespaceVersion, _range.Count);
                _pendingTimerQueues.Add(name, pending);
            }
            else if (pending.NamespaceSerializerVersion != namespaceVersion)
            {
                ThrowHelper.ThrowCorrupt($"Timer queue '{name}' has different namespace serializer versions in different key groups.");
            }

            if (!pending.Payloads[index].IsEmpty)
            {
                ThrowHelper.ThrowCorrupt($"Timer queue '{name}' appears twice for key group {keyGroup} (overlapping snapshots?).");
            }

            pending.Payloads[index] = payload;
        }

        if (!reader.IsAtEnd)
        {
            ThrowHelper.ThrowCorrupt($"Key group {keyGroup} has {reader.Remaining} trailing bytes.");
        }
    }

    private void RestorePendingState(HeapState<TKey> state, PendingState pending)
    {
        CheckCompatible(state.Name, pending.Kind, pending.SerializerVersions, state);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        for (var index = 0; index < pending.Payloads.Length; index++)
        {
            var payload = pending.Payloads[index];
            if (!payload.IsEmpty)
            {
                ReadStatePayload(state, _range.Start + index, payload, pending.Flags[index], now);
            }
        }
    }

    private void RestorePendingTimerQueue(ISnapshotTimerQueue queue, PendingTimerQueue pending)
    {
        CheckTimerCompatible(queue.Name, pending.NamespaceSerializerVersion, queue);
        for (var index = 0; index < pending.Payloads.Length; index++)
        {
            var payload = pending.Payloads[index];
            if (!payload.IsEmpty)
            {
                ReadTimerPayload(queue, _range.Start + index, payload);
            }
        }
    }

    private void ReadStatePayload(HeapState<TKey> state, int keyGroup, ReadOnlyMemory<byte> payload, byte flags, long now)
    {
        try
        {
            var reader = new BinaryBufferReader(payload);
            var hasTimestamps = (flags & KeyedSnapshotFormat.FlagHasTimestamps) != 0;
            state.ReadKeyGroup(keyGroup, keyGroup - _range.Start, reader, hasTimestamps, now);
            if (!reader.IsAtEnd)
            {
                ThrowHelper.ThrowCorrupt($"{reader.Remaining} trailing bytes.");
            }
        }
        catch (Exception ex)
        {
            throw new StateException($"Cannot restore state '{state.Name}' in key group {keyGroup}: {ex.Message}", ErrorDomain.External, ex);
        }
    }

    private static void ReadTimerPayload(ISnapshotTimerQueue queue, int keyGroup, ReadOnlyMemory<byte> payload)
    {
        try
        {
            var reader = new BinaryBufferReader(payload);
            queue.ReadKeyGroup(keyGroup, reader);
            if (!reader.IsAtEnd)
            {
                ThrowHelper.ThrowCorrupt($"{reader.Remaining} trailing bytes.");
            }
        }
        catch (Exception ex)
        {
            throw new StateException($"Cannot restore timer queue '{queue.Name}' in key group {keyGroup}: {ex.Message}", ErrorDomain.External, ex);
        }
    }

    private static void CheckCompatible(string name, StateKind kind, int[] versions, HeapState<TKey> state)
    {
        if (kind != state.Kind)
        {
            throw new StateException(
                $"State '{name}' was restored as {kind} state but is declared as {state.Kind} state.", ErrorDomain.User);
        }

        if (!versions.AsSpan().SequenceEqual(state.SerializerVersions))
        {
            throw new StateException(
                $"State '{name}' was written with serializer versions [{string.Join(", ", versions)}] (namespace first) but is declared " +
                $"with [{string.Join(", ", state.SerializerVersions)}]; state migration is not supported yet.", ErrorDomain.User);
        }
    }

    private static void CheckTimerCompatible(string name, int namespaceVersion, ISnapshotTimerQueue queue)
    {
        if (namespaceVersion != queue.NamespaceSerializerVersion)
        {
            throw new StateException(
                $"Timer queue '{name}' was written with namespace serializer version {namespaceVersion} but is declared with version " +
                $"{queue.NamespaceSerializerVersion}.", ErrorDomain.User);
        }
    }

    private static string ReadName(BinaryBufferReader reader)
    {
        var name = reader.ReadString();
        if (string.IsNullOrEmpty(name))
        {
            ThrowHelper.ThrowCorrupt("A state or timer queue section has no name.");
        }

        return name;
    }

    private static ReadOnlyMemory<byte> ReadSection(BinaryBufferReader reader, ReadOnlyMemory<byte> data)
    {
        var length = reader.ReadInt32();
        if (length <= 0 || length > reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt($"Section length {length} does not fit the {reader.Remaining} remaining bytes.");
        }

        var payload = data.Slice(reader.Position, length);
        reader.Position += length;
        return payload;
    }
}
