using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Xunit;

namespace Sluice.Core.Tests.Vectors;

public class ColumnVectorTests
{
    public static TheoryData<string> CaseNames() => new(VectorCases.Names);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Builder_EveryKind_RoundTripsValuesAndNulls(string name)
    {
        var (type, values) = VectorCases.Get(name);
        using var tracker = BufferLeakTracker.Start();
        using (var vector = Build(type, values))
        {
            Assert.Equal(type, vector.DataType);
            AssertValues(values, vector);
            Assert.Equal(values.Count(v => v is null), vector.NullCount);
            Assert.Equal(values.Any(v => v is null), vector.HasNulls);
        }

        tracker.AssertNoLeaks();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Gather_EveryKind_PicksRowsInOrderWithRepeats(string name)
    {
        var (type, values) = VectorCases.Get(name);
        using var tracker = BufferLeakTracker.Start();
        var rows = Enumerable.Range(0, values.Length).Reverse().Concat([0, 0]).Where((_, i) => i % 2 == 0 || values.Length < 8).ToArray();
        using (var vector = Build(type, values))
        using (var gathered = vector.Gather(rows))
        {
            AssertValues(rows.Select(r => values[r]).ToArray(), gathered);
            AssertValues(values, vector);
        }

        using (var vector = Build(type, values))
        using (var empty = vector.Gather([]))
        {
            Assert.Equal(0, empty.Length);
            Assert.False(empty.HasNulls);
        }

        tracker.AssertNoLeaks();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Serializer_EveryKind_RoundTripsThroughRecordBatch(string name)
    {
        var (type, values) = VectorCases.Get(name);
        var schema = Schema.Of(DataTypes.Field("c", type));
        using var tracker = BufferLeakTracker.Start();
        using var writer = new BinaryBufferWriter();
        using (var batch = new RecordBatch(schema, [Build(type, values)]))
        {
            RecordBatchSerializer.Write(batch, writer);
        }

        using (var read = RecordBatchSerializer.Read(writer.WrittenMemory, schema))
        {
            Assert.Equal(values.Length, read.RowCount);
            AssertValues(values, read.Column(0));
        }

        tracker.AssertNoLeaks();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ColumnVectorSerializer_GatheredVector_RoundTrips(string name)
    {
        var (type, values) = VectorCases.Get(name);
        using var tracker = BufferLeakTracker.Start();
        int[] rows = [.. Enumerable.Range(0, values.Length).Where(i => i % 2 == 1)];
        using var writer = new BinaryBufferWriter();
        using (var vector = Build(type, values))
        using (var gathered = vector.Gather(rows))
        {
            ColumnVectorSerializer.Write(gathered, writer);
        }

        var reader = new BinaryBufferReader(writer.WrittenMemory);
        using (var read = ColumnVectorSerializer.Read(reader, type, rows.Length))
        {
            AssertValues(rows.Select(r => values[r]).ToArray(), read);
        }

        Assert.True(reader.IsAtEnd);
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void Builder_NoNulls_AllocatesNoNullBitmap()
    {
        using var builder = new PrimitiveVectorBuilder<long>(DataTypes.BigInt(), capacity: 1);
        for (var i = 0; i < 1000; i++)
        {
            builder.Append(i);
        }

        using var vector = (PrimitiveVector<long>)builder.Build();
        Assert.False(vector.HasNulls);
        Assert.True(vector.NullBitmap.IsEmpty);
        Assert.Equal(1000, vector.Length);
        Assert.Equal(999, vector[999]);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), vector.Values.ToArray());
    }

    [Fact]
    public void Builder_NullEarlyThenManyValues_BitmapCoversAllRows()
    {
        using var builder = new PrimitiveVectorBuilder<int>(DataTypes.Int(), capacity: 1);
        builder.AppendNull();
        for (var i = 1; i < 300; i++)
        {
            builder.Append(i);
        }

        builder.AppendNull();
        using var vector = builder.Build();
        Assert.True(vector.IsNull(0));
        Assert.False(vector.IsNull(200));
        Assert.True(vector.IsNull(300));
        Assert.Equal(2, vector.NullCount);
        Assert.Equal(Bitmap(301), vector.NullBitmap.Length);
    }

    [Fact]
    public void Builder_AfterBuild_IsEmptyAndReusable()
    {
        using var tracker = BufferLeakTracker.Start();
        using (var builder = new BytesVectorBuilder(DataTypes.String()))
        {
            builder.Append("a");
            using (var first = builder.Build())
            {
                Assert.Equal(0, builder.Count);
                builder.Append("b");
                builder.AppendNull();
                using var second = (BytesVector)builder.Build();
                Assert.Equal("a", ((BytesVector)first).GetString(0));
                Assert.Equal("b", second.GetString(0));
                Assert.Null(second.GetString(1));
            }

            builder.Append("unbuilt");
        }

        tracker.AssertNoLeaks();
    }

    [Fact]
    public void BytesVector_Utf8_ExposesBytesAndStrings()
    {
        using var builder = new BytesVectorBuilder(DataTypes.String());
        builder.Append("héllo");
        builder.Append("world"u8);
        using var vector = (BytesVector)builder.Build();
        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), vector.GetBytes(0).ToArray());
        Assert.Equal("world", vector.GetString(1));
        Assert.Equal(6, vector.GetByteCount(0));
        Assert.Equal([0, 6, 11], vector.Offsets.ToArray());
        Assert.Equal(11, vector.Data.Length);
    }

    [Fact]
    public void BooleanVector_AllocateAndSet_ReadsBack()
    {
        using var vector = BooleanVector.Allocate(DataTypes.Boolean(), 70);
        vector.Set(69, true);
        vector.Set(3, true);
        vector.Set(3, false);
        vector.SetNull(10);
        Assert.True(vector[69]);
        Assert.False(vector[3]);
        Assert.True(vector.IsNull(10));
        Assert.Null(vector.GetValue(10));
        Assert.Equal(1, vector.NullCount);
    }

    [Fact]
    public void PrimitiveVector_Allocate_IsWritableThroughValues()
    {
        using var vector = PrimitiveVector<double>.Allocate(DataTypes.Double(), 3);
        vector.Values[1] = 2.5;
        Assert.Equal([0.0, 2.5, 0.0], vector.Values.ToArray());
        Assert.False(vector.HasNulls);
    }

    [Fact]
    public void PrimitiveVector_WrongStorageType_Throws()
    {
        Assert.Throws<ArgumentException>(() => PrimitiveVector<int>.Allocate(DataTypes.BigInt(), 1));
        Assert.Throws<ArgumentException>(() => new PrimitiveVectorBuilder<long>(DataTypes.Decimal(20, 2)));
        Assert.IsType<PrimitiveVectorBuilder<Int128>>(ColumnVectorBuilder.Create(DataTypes.Decimal(20, 2)));
        Assert.IsType<PrimitiveVectorBuilder<long>>(ColumnVectorBuilder.Create(DataTypes.Decimal(18, 2)));
    }

    [Fact]
    public void Decimal64_Storage_IsUnscaledLong()
    {
        using var builder = ColumnVectorBuilder.Create(DataTypes.Decimal(10, 2));
        builder.Append(12.345m);
        builder.Append(7);
        using var vector = (PrimitiveVector<long>)builder.Build();
        Assert.Equal([1235L, 700L], vector.Values.ToArray());
        Assert.Equal(12.35m, vector.GetValue(0));
    }

    [Fact]
    public void Append_ValueOverflowingPrecision_Throws()
    {
        using var builder = ColumnVectorBuilder.Create(DataTypes.Decimal(3, 1));
        Assert.Throws<OverflowException>(() => builder.Append(100m));
        using var tiny = ColumnVectorBuilder.Create(DataTypes.TinyInt());
        Assert.Throws<OverflowException>(() => tiny.Append(1000));
    }

    [Fact]
    public void Append_WrongDotNetType_ThrowsArgumentException()
    {
        using var builder = ColumnVectorBuilder.Create(DataTypes.Int());
        Assert.Throws<ArgumentException>(() => builder.Append("1"));
        using var strings = ColumnVectorBuilder.Create(DataTypes.String());
        Assert.Throws<ArgumentException>(() => strings.Append(1));
        using var arrays = ColumnVectorBuilder.Create(DataTypes.Array(DataTypes.String()));
        Assert.Throws<ArgumentException>(() => arrays.Append("abc"));
        using var nulls = ColumnVectorBuilder.Create(DataTypes.Null());
        Assert.Throws<ArgumentException>(() => nulls.Append(1));
    }

    [Fact]
    public void Timestamp_RawMicros_AreStoredAsIs()
    {
        using var builder = ColumnVectorBuilder.Create(DataTypes.Timestamp(3));
        builder.Append(1_500L);
        builder.Append(new DateTime(1970, 1, 1, 0, 0, 1));
        using var vector = (PrimitiveVector<long>)builder.Build();
        Assert.Equal([1_500L, 1_000_000L], vector.Values.ToArray());
    }

    [Fact]
    public void ListVector_Builder_StartEntryAndElements()
    {
        using var builder = new ListVectorBuilder(DataTypes.Array(DataTypes.BigInt()));
        var elements = (PrimitiveVectorBuilder<long>)builder.Elements;
        builder.StartEntry();
        elements.Append(1);
        elements.Append(2);
        builder.AppendNull();
        builder.StartEntry();
        builder.StartEntry();
        elements.Append(3);
        using var vector = (ListVector)builder.Build();
        Assert.Equal(4, vector.Length);
        Assert.Equal([0, 2, 2, 2, 3], vector.Offsets.ToArray());
        Assert.Equal((2, 0), vector.GetRange(1));
        Assert.True(vector.IsNull(1));
        Assert.False(vector.IsNull(2));
        Assert.Equal(3, vector.Elements.Length);
    }

    [Fact]
    public void StructVector_ChildCountMismatch_BuildThrows()
    {
        var type = DataTypes.Row(DataTypes.Field("a", DataTypes.Int()), DataTypes.Field("b", DataTypes.Int()));
        using var builder = new StructVectorBuilder(type);
        builder.AppendRow();
        builder.Child(0).Append(1);
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void MapVector_KeyValueMismatch_BuildThrows()
    {
        using var builder = new MapVectorBuilder(DataTypes.Map(DataTypes.Int(), DataTypes.Int()));
        builder.StartEntry();
        builder.Keys.Append(1);
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void Gather_RowOutOfRange_Throws()
    {
        using var vector = Build(DataTypes.Int(), [1, 2, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => vector.Gather([0, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => vector.Gather([-1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => vector.IsNull(3));
    }

    [Fact]
    public void Retain_SharedVector_ReleasedByLastDispose()
    {
        using var tracker = BufferLeakTracker.Start();
        var vector = Build(DataTypes.BigInt(), [1L, 2L]);
        vector.Retain();
        vector.Dispose();
        Assert.Equal(2L, vector.GetValue(1));
        Assert.NotEqual(0, tracker.Outstanding);
        vector.Dispose();
        vector.Dispose();
        Assert.Equal(0, vector.Length);
        Assert.Throws<ObjectDisposedException>(() => vector.Retain());
        tracker.AssertNoLeaks();
    }

    internal static ColumnVector Build(DataType type, object?[] values)
    {
        using var builder = ColumnVectorBuilder.Create(type, capacity: 1);
        foreach (var value in values)
        {
            builder.Append(value);
        }

        Assert.Equal(values.Length, builder.Count);
        return builder.Build();
    }

    internal static void AssertValues(object?[] expected, ColumnVector vector)
    {
        Assert.Equal(expected.Length, vector.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i] is null, vector.IsNull(i));
            Assert.Equal(VectorCases.Render(expected[i]), VectorCases.Render(vector.GetValue(i)));
        }
    }

    private static int Bitmap(int bits) => (bits + 63) / 64;
}
