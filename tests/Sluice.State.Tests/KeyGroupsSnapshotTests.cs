using System.Runtime.InteropServices;
using Sluice.Core.Errors;
using Sluice.Core.Hashing;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Heap;
using Sluice.State.Keyed;
using Xunit;

namespace Sluice.State.Tests;

public sealed class KeyGroupsSnapshotTests
{
    private static KeyGroupsSnapshot Sample()
    {
        var range = KeyGroups.RangeFor(128, 4, 1);
        using var backend = new HeapKeyedStateBackend<long>(range, 128, Serializers.Int64, KeyHashers.Int64, TimeProvider.System);
        var state = backend.GetValueState(new ValueStateDescriptor<string>("s", Serializers.String));
        for (long key = 0; key < 200; key++)
        {
            if (range.Contains(KeyGroups.Assign(KeyHashers.Int64.GetStableHash(key), 128)))
            {
                backend.SetCurrentKey(key);
                state.Update($"value {key}");
            }
        }

        return backend.Snapshot();
    }

    private static byte[] Written(KeyGroupsSnapshot snapshot)
    {
        using var writer = new BinaryBufferWriter();
        snapshot.Write(writer);
        return writer.ToArray();
    }

    [Fact]
    public void Envelope_PartsAreTheWrittenBytes_WithTheirCrc_AndTheDataIsNotCopied()
    {
        var snapshot = Sample();
        var (header, data, trailer, crc) = snapshot.Envelope();

        var written = Written(snapshot);
        Assert.Equal(written, (byte[])[.. header.ToArray(), .. data.ToArray(), .. trailer.ToArray()]);
        Assert.Equal(Crc32C.Compute(written), crc);
        Assert.True(MemoryMarshal.TryGetArray(data, out var segment));
        Assert.Same(snapshot.Data, segment.Array);
    }

    [Fact]
    public void WriteRead_RoundTrip_PreservesRangeDataAndOffsets()
    {
        var snapshot = Sample();

        var read = KeyGroupsSnapshot.Read(new BinaryBufferReader(Written(snapshot)));

        Assert.Equal(snapshot.Range, read.Range);
        Assert.Equal(snapshot.Data, read.Data);
        Assert.Equal(snapshot.Offsets, read.Offsets);
    }

    [Fact]
    public void Read_AnyFlippedByte_ThrowsStateException()
    {
        var bytes = Written(Sample());
        for (var i = 0; i < bytes.Length; i += 7)
        {
            var corrupt = bytes.ToArray();
            corrupt[i] ^= 0x5A;

            Assert.ThrowsAny<StateException>(() => KeyGroupsSnapshot.Read(new BinaryBufferReader(corrupt)));
        }
    }

    [Fact]
    public void Read_Truncated_ThrowsStateException()
    {
        var bytes = Written(Sample());

        foreach (var length in new[] { 0, 3, 10, bytes.Length / 2, bytes.Length - 1 })
        {
            Assert.ThrowsAny<StateException>(() => KeyGroupsSnapshot.Read(new BinaryBufferReader(bytes.AsMemory(0, length))));
        }
    }

    [Fact]
    public void Constructor_OffsetsNotMatchingRange_ThrowsStateException()
    {
        var range = new KeyGroupRange(0, 1);

        Assert.Throws<StateException>(() => new KeyGroupsSnapshot(range, new byte[10], [0, 10]));
        Assert.Throws<StateException>(() => new KeyGroupsSnapshot(range, new byte[10], [0, 6, 5]));
        Assert.Throws<StateException>(() => new KeyGroupsSnapshot(range, new byte[10], [0, 5, 9]));
    }

    [Fact]
    public void KeyGroupData_OutsideRange_Throws()
    {
        var snapshot = Sample();

        Assert.Throws<ArgumentOutOfRangeException>(() => snapshot.KeyGroupData(snapshot.Range.End + 1));
    }
}
