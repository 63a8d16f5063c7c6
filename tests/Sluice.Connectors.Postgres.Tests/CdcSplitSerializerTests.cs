using Sluice.Connectors.Postgres.Cdc;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>The postgres-cdc split in checkpoints: version 3 with snapshot chunks and their key columns; versions 2 and 1 still read.</summary>
public sealed class CdcSplitSerializerTests
{
    private static PostgresCdcSplit RoundTrip(PostgresCdcSplit split)
    {
        using var writer = new BinaryBufferWriter();
        PostgresCdcSplit.Serializer.Serialize(split, writer);
        return PostgresCdcSplit.Serializer.Deserialize(new BinaryBufferReader(writer.ToArray()));
    }

    [Fact]
    public void SplitInTheMiddleOfTheSnapshot_RoundTripsWithItsChunks()
    {
        var split = new PostgresCdcSplit(false, 0x1569C50)
        {
            Chunks =
            [
                new SnapshotChunk([25, "b c"], 0x1569C50),
                new SnapshotChunk([1602, "日本"], 0x156B178),
                new SnapshotChunk(null, 0x15753F8),
            ],
            ChunkKeyColumns = ["id", "name"],
        };

        var back = RoundTrip(split);

        Assert.True(back.InSnapshot);
        Assert.Equal(split.Lsn, back.Lsn);
        Assert.Equal(split.Chunks.Select(c => c.Lsn), back.Chunks.Select(c => c.Lsn));
        Assert.Equal(new object?[] { 1602, "日本" }, back.Chunks[1].UpperKey);
        Assert.Null(back.Chunks[2].UpperKey);
        Assert.Equal(["id", "name"], back.ChunkKeyColumns);
    }

    [Fact]
    public void Version2Split_IsReadWithItsChunksAndNoChunkKeyColumns()
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteByte(2);
        writer.WriteBoolean(false);
        writer.WriteInt64(0x2000);
        writer.WriteVarInt64(1);
        writer.WriteVarInt64(1);
        writer.WriteByte(4);
        writer.WriteVarInt64(42);
        writer.WriteInt64(0x2000);

        var split = PostgresCdcSplit.Serializer.Deserialize(new BinaryBufferReader(writer.ToArray()));

        Assert.True(split.InSnapshot);
        Assert.Equal(new object?[] { 42 }, Assert.Single(split.Chunks).UpperKey);
        Assert.Empty(split.ChunkKeyColumns);
    }

    [Fact]
    public void Version1Split_IsReadAsStreamingWithoutChunks()
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteByte(1);
        writer.WriteBoolean(true);
        writer.WriteInt64(0x2000);

        var split = PostgresCdcSplit.Serializer.Deserialize(new BinaryBufferReader(writer.ToArray()));

        Assert.True(split.Streaming);
        Assert.Equal(0x2000UL, split.Lsn);
        Assert.Empty(split.Chunks);
        Assert.False(split.InSnapshot);
    }

    [Fact]
    public void UnknownVersion_FailsWithAStateError()
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteByte(9);

        Assert.Throws<StateException>(() => PostgresCdcSplit.Serializer.Deserialize(new BinaryBufferReader(writer.ToArray())));
    }

    [Fact]
    public void ChunkOf_FindsTheRangeOfAKey_InTheServersOrder()
    {
        IReadOnlyList<SnapshotChunk> chunks = [new([10L], 1), new([20L], 2), new(null, 3)];

        Assert.Equal(1UL, SnapshotKeys.ChunkOf(chunks, [-5])!.Lsn);
        Assert.Equal(1UL, SnapshotKeys.ChunkOf(chunks, [10])!.Lsn);
        Assert.Equal(2UL, SnapshotKeys.ChunkOf(chunks, [11])!.Lsn);
        Assert.Equal(3UL, SnapshotKeys.ChunkOf(chunks, [21])!.Lsn);
        Assert.True(SnapshotKeys.Compare(["Z"], ["a"]) < 0); // byte order, as COLLATE "C"
        Assert.True(SnapshotKeys.Compare(["\uFFFD"], ["😀"]) < 0); // UTF-8 bytes, not UTF-16 code units
    }
}
