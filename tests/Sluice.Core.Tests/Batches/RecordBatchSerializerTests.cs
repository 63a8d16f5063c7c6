using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Xunit;

namespace Sluice.Core.Tests.Batches;

public class RecordBatchSerializerTests
{
    private static readonly Schema TestSchema = new(
        [
            DataTypes.Field("id", DataTypes.BigInt().NotNull()),
            DataTypes.Field("name", DataTypes.String()),
            DataTypes.Field("tags", DataTypes.Array(DataTypes.String())),
            DataTypes.Field("ts", DataTypes.Timestamp(3)),
        ],
        rowTimeIndex: 3);

    private static RecordBatch Sample()
    {
        using var builder = new RecordBatchBuilder(TestSchema);
        builder.AppendRow(RowKind.Insert, 1L, "a", new object?[] { "x" }, 1000L);
        builder.AppendRow(RowKind.UpdateBefore, 2L, null, null, 2000L);
        builder.AppendRow(RowKind.UpdateAfter, 3L, "ccc", new object?[] { null, "y" }, null);
        return builder.Build();
    }

    private static byte[] Encode(RecordBatch batch)
    {
        using var writer = new BinaryBufferWriter();
        RecordBatchSerializer.Write(batch, writer);
        return writer.ToArray();
    }

    [Fact]
    public void Read_WrittenBatch_RoundTripsRowsKindsAndTimestamps()
    {
        using var tracker = BufferLeakTracker.Start();
        using (var batch = Sample())
        using (var read = RecordBatchSerializer.Read(Encode(batch), TestSchema))
        {
            Assert.Equal(batch.ToRowStrings(), read.ToRowStrings());
            Assert.Equal(batch.RowKinds.ToArray(), read.RowKinds.ToArray());
            Assert.Equal([1L, 2L, long.MinValue], read.Timestamps.ToArray());
            Assert.Same(TestSchema, read.Schema);
        }

        tracker.AssertNoLeaks();
    }

    [Fact]
    public void Write_BatchWithSelection_WritesSelectedRowsOnly()
    {
        using var batch = Sample().WithSelection([0, 2]);
        using var read = RecordBatchSerializer.Read(Encode(batch), TestSchema);
        Assert.Equal(["+I[1, a, [x], 1970-01-01T00:00:00.001]", "+U[3, ccc, [null, y], null]"], read.ToRowStrings());
        Assert.False(read.HasSelection);
    }

    [Fact]
    public void Read_SeveralBatchesInOneBuffer_ReadsEachInTurn()
    {
        using var writer = new BinaryBufferWriter();
        using (var batch = Sample())
        {
            RecordBatchSerializer.Write(batch, writer);
            RecordBatchSerializer.Write(batch, writer);
        }

        var reader = new BinaryBufferReader(writer.WrittenMemory);
        using var first = RecordBatchSerializer.Read(reader, TestSchema);
        using var second = RecordBatchSerializer.Read(reader, TestSchema);
        Assert.True(reader.IsAtEnd);
        Assert.Equal(first.ToRowStrings(), second.ToRowStrings());
    }

    [Fact]
    public void Read_EmptyBatchAndColumnlessBatch_RoundTrip()
    {
        using (var empty = new RecordBatchBuilder(TestSchema).Build())
        using (var read = RecordBatchSerializer.Read(Encode(empty), TestSchema))
        {
            Assert.Equal(0, read.RowCount);
        }

        using var columnless = new RecordBatch(Schema.Empty, [], rowCount: 5, [RowKind.Delete, 0, 0, 0, 0]);
        using var readColumnless = RecordBatchSerializer.Read(Encode(columnless), Schema.Empty);
        Assert.Equal(5, readColumnless.RowCount);
        Assert.Equal(RowKind.Delete, readColumnless.GetRowKind(0));
    }

    [Fact]
    public void Read_OtherSchema_ThrowsStateExceptionForUser()
    {
        using var batch = Sample();
        var other = Schema.Of(DataTypes.Field("id", DataTypes.BigInt()));
        var error = Assert.Throws<StateException>(() => RecordBatchSerializer.Read(Encode(batch), other));
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Contains("fingerprint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedAtEveryLength_ThrowsStateExceptionAndLeaksNothing()
    {
        using var batch = Sample();
        var bytes = Encode(batch);
        using var tracker = BufferLeakTracker.Start();
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes.AsMemory(0, length);
            Assert.Throws<StateException>(() => RecordBatchSerializer.Read(prefix, TestSchema));
        }

        tracker.AssertNoLeaks();
    }

    [Fact]
    public void Read_AnyCorruptedByte_ThrowsStateExceptionAndLeaksNothing()
    {
        using var batch = Sample();
        var bytes = Encode(batch);
        using var tracker = BufferLeakTracker.Start();
        for (var position = 0; position < bytes.Length; position++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                var corrupt = (byte[])bytes.Clone();
                corrupt[position] ^= mask;
                Assert.Throws<StateException>(() => RecordBatchSerializer.Read(corrupt, TestSchema));
            }
        }

        tracker.AssertNoLeaks();
    }

    [Fact]
    public void Read_TrailingBytes_ThrowsStateException()
    {
        using var batch = Sample();
        var bytes = Encode(batch).Concat(new byte[] { 0 }).ToArray();
        Assert.Throws<StateException>(() => RecordBatchSerializer.Read(bytes, TestSchema));
    }

    [Fact]
    public void Read_UnknownVersion_ThrowsStateException()
    {
        using var batch = Sample();
        var bytes = Encode(batch);
        bytes[0] = RecordBatchSerializer.FormatVersion + 1;
        var error = Assert.Throws<StateException>(() => RecordBatchSerializer.Read(bytes, TestSchema));
        Assert.Contains("version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnVectorSerializer_ReadAsOtherType_ThrowsStateException()
    {
        using var tracker = BufferLeakTracker.Start();
        using var writer = new BinaryBufferWriter();
        using (var vector = PrimitiveVector<int>.FromValues(DataTypes.Int(), [1, 2, 3]))
        {
            ColumnVectorSerializer.Write(vector, writer);
        }

        var encoded = writer.WrittenMemory;
        Assert.Throws<StateException>(() => ColumnVectorSerializer.Read(new BinaryBufferReader(encoded), DataTypes.BigInt(), 3));
        Assert.Throws<StateException>(() => ColumnVectorSerializer.Read(new BinaryBufferReader(encoded), DataTypes.Int(), 4));
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void ColumnVectorSerializer_DecreasingOffsets_ThrowsStateException()
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteByte((byte)PhysicalType.Utf8);
        writer.WriteByte(0);
        writer.WriteInt32(0);
        writer.WriteInt32(5);
        writer.WriteInt32(3);
        writer.WriteRaw("hello"u8);
        var encoded = writer.WrittenMemory;
        Assert.Throws<StateException>(() => ColumnVectorSerializer.Read(new BinaryBufferReader(encoded), DataTypes.String(), 2));
    }
}
