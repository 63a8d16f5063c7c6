using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Xunit;

namespace Sluice.Core.Tests.Batches;

public class RecordBatchTests
{
    private static readonly Schema Events = new(
        [
            DataTypes.Field("id", DataTypes.BigInt().NotNull()),
            DataTypes.Field("name", DataTypes.String()),
            DataTypes.Field("ts", DataTypes.Timestamp(3)),
        ],
        rowTimeIndex: 2);

    private static RecordBatch TenRows()
    {
        using var builder = new RecordBatchBuilder(Events, capacity: 4);
        for (var i = 0; i < 10; i++)
        {
            builder.AppendInt64(0, i);
            builder.AppendString(1, $"n{i}");
            builder.AppendInt64(2, i * 1000L);
        }

        return builder.Build();
    }

    [Fact]
    public void Timestamps_Timestamp3RowTime_AreEpochMillis()
    {
        using var tracker = BufferLeakTracker.Start();
        using (var builder = new RecordBatchBuilder(Events))
        {
            builder.AppendRow(1L, "a", new DateTime(2024, 1, 1, 0, 0, 0, 123));
            builder.AppendRow(2L, "b", 1_999L);
            builder.AppendRow(3L, "c", -1L);
            builder.AppendRow(4L, "d", null);
            using var batch = builder.Build();
            var expected = new DateTimeOffset(2024, 1, 1, 0, 0, 0, 123, TimeSpan.Zero).ToUnixTimeMilliseconds();
            Assert.Equal([expected, 1L, -1L, long.MinValue], batch.Timestamps.ToArray());
            Assert.Equal(batch.Timestamps.ToArray(), ((IBatch)batch).Timestamps.ToArray());
        }

        tracker.AssertNoLeaks();
    }

    [Fact]
    public void Timestamps_TimestampLtzRowTime_AreEpochMillis()
    {
        var schema = new Schema([DataTypes.Field("t", DataTypes.TimestampLtz(3))], rowTimeIndex: 0);
        using var builder = new RecordBatchBuilder(schema);
        builder.AppendRow(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
        using var batch = builder.Build();
        Assert.Equal([1_700_000_000_123L], batch.Timestamps.ToArray());
    }

    [Fact]
    public void Timestamps_NoRowTime_AreEmpty()
    {
        using var builder = new RecordBatchBuilder(Events.WithRowTime(-1));
        builder.AppendRow(1L, "a", 5000L);
        using var batch = builder.Build();
        Assert.True(batch.Timestamps.IsEmpty);
    }

    [Fact]
    public void WithSelection_MarksRows_LogicalViewFollowsSelection()
    {
        using var tracker = BufferLeakTracker.Start();
        var batch = TenRows().WithSelection([1, 4, 9]);
        Assert.True(batch.HasSelection);
        Assert.Equal(3, batch.RowCount);
        Assert.Equal(10, batch.PhysicalRowCount);
        Assert.Equal([1, 4, 9], batch.Selection.ToArray());
        Assert.Equal(9, batch.PhysicalRow(2));
        Assert.Equal([1L, 4L, 9L], batch.Timestamps.ToArray());
        Assert.Equal(["+I[1, n1, 1970-01-01T00:00:00.001]", "+I[4, n4, 1970-01-01T00:00:00.004]", "+I[9, n9, 1970-01-01T00:00:00.009]"],
            batch.ToRowStrings());

        using (var gathered = batch.Gather([2, 0]))
        {
            Assert.False(gathered.HasSelection);
            Assert.Equal([9L, 1L], ((PrimitiveVector<long>)gathered.Column(0)).Values.ToArray());
        }

        var compacted = batch.Compact();
        Assert.NotSame(batch, compacted);
        Assert.Equal(0, batch.RowCount);
        Assert.False(compacted.HasSelection);
        Assert.Equal(3, compacted.PhysicalRowCount);
        Assert.Equal(["n1", "n4", "n9"], Enumerable.Range(0, 3).Select(i => ((BytesVector)compacted.Column("name")).GetString(i)));
        Assert.Equal([1L, 4L, 9L], compacted.Timestamps.ToArray());
        compacted.Dispose();
        batch.Dispose();
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void WithSelection_ConsumesOriginal()
    {
        using var original = TenRows();
        using var marked = original.WithSelection([0]);
        Assert.Equal(0, original.RowCount);
        Assert.Throws<ObjectDisposedException>(() => original.Column(0));
        Assert.Equal(1, marked.RowCount);
    }

    [Fact]
    public void WithSelection_Twice_ReplacesSelection()
    {
        using var tracker = BufferLeakTracker.Start();
        using (var batch = TenRows().WithSelection([1, 2, 3]).WithSelection([2]))
        {
            Assert.Equal([2], batch.Selection.ToArray());
        }

        tracker.AssertNoLeaks();
    }

    [Fact]
    public void WithSelection_EmptySelection_HasNoRows()
    {
        using var batch = TenRows().WithSelection([]);
        Assert.Equal(0, batch.RowCount);
        Assert.True(batch.HasSelection);
        Assert.True(batch.Timestamps.IsEmpty);
        using var compacted = batch.Compact();
        Assert.Equal(0, compacted.PhysicalRowCount);
    }

    [Theory]
    [InlineData(new[] { 2, 1 })]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 10 })]
    [InlineData(new[] { -1 })]
    public void WithSelection_InvalidRows_Throws(int[] selection)
    {
        using var batch = TenRows();
        Assert.Throws<ArgumentException>(() => batch.WithSelection(selection));
        Assert.Equal(10, batch.RowCount);
    }

    [Fact]
    public void Compact_NoSelection_ReturnsSameBatch()
    {
        using var batch = TenRows();
        Assert.Same(batch, batch.Compact());
    }

    [Fact]
    public void RowKinds_AppendedPerRow_AreKeptAndGathered()
    {
        using var tracker = BufferLeakTracker.Start();
        var schema = Schema.Of(DataTypes.Field("k", DataTypes.String()), DataTypes.Field("v", DataTypes.BigInt()));
        using (var builder = new RecordBatchBuilder(schema, capacity: 1))
        {
            builder.AppendRow(RowKind.Insert, "a", 1L);
            builder.AppendRow(RowKind.UpdateBefore, "a", 1L);
            builder.AppendRow(RowKind.UpdateAfter, "a", 2L);
            builder.AppendRow(RowKind.Delete, "a", null);
            using var batch = builder.Build();
            Assert.True(batch.HasRowKinds);
            Assert.Equal([RowKind.Insert, RowKind.UpdateBefore, RowKind.UpdateAfter, RowKind.Delete], batch.RowKinds.ToArray());
            Assert.Equal(["+I[a, 1]", "-U[a, 1]", "+U[a, 2]", "-D[a, null]"], batch.ToRowStrings());

            using (var gathered = batch.Gather([3, 2]))
            {
                Assert.Equal([RowKind.Delete, RowKind.UpdateAfter], gathered.RowKinds.ToArray());
            }

            using (var inserts = batch.Gather([0, 0]))
            {
                Assert.False(inserts.HasRowKinds);
                Assert.True(inserts.RowKinds.IsEmpty);
                Assert.Equal(RowKind.Insert, inserts.GetRowKind(1));
            }
        }

        tracker.AssertNoLeaks();
    }

    [Fact]
    public void RowKinds_OnlyInserts_NoRowKindColumn()
    {
        using var builder = new RecordBatchBuilder(Events);
        builder.AppendRow(RowKind.Insert, 1L, "a", 0L);
        using var batch = builder.Build();
        Assert.False(batch.HasRowKinds);
        Assert.Equal(RowKind.Insert, batch.GetRowKind(0));
    }

    [Fact]
    public void Build_RowKindsForSomeRowsOnly_Throws()
    {
        using var builder = new RecordBatchBuilder(Events);
        builder.AppendRow(RowKind.Delete, 1L, "a", 0L);
        builder.AppendInt64(0, 2);
        builder.AppendNull(1);
        builder.AppendNull(2);
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void Build_ColumnsOfDifferentLengths_Throws()
    {
        using var builder = new RecordBatchBuilder(Events);
        builder.AppendInt64(0, 1);
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void TypedAppender_WrongColumnType_Throws()
    {
        using var builder = new RecordBatchBuilder(Events);
        Assert.Throws<InvalidOperationException>(() => builder.AppendInt32(0, 1));
        Assert.Throws<InvalidOperationException>(() => builder.AppendString(0, "x"));
        Assert.Throws<InvalidOperationException>(() => builder.AppendDouble(1, 1));
    }

    [Fact]
    public void TypedAppenders_AllPhysicalTypes_RoundTrip()
    {
        var schema = Schema.Of(
            DataTypes.Field("b", DataTypes.Boolean()),
            DataTypes.Field("i8", DataTypes.TinyInt()),
            DataTypes.Field("i16", DataTypes.SmallInt()),
            DataTypes.Field("i32", DataTypes.Int()),
            DataTypes.Field("f", DataTypes.Float()),
            DataTypes.Field("d", DataTypes.Double()),
            DataTypes.Field("m", DataTypes.Decimal(5, 2)),
            DataTypes.Field("big", DataTypes.Decimal(30, 2)),
            DataTypes.Field("s", DataTypes.String()),
            DataTypes.Field("bin", DataTypes.Bytes()));
        using var builder = new RecordBatchBuilder(schema);
        builder.AppendBoolean(0, true);
        builder.AppendInt8(1, -1);
        builder.AppendInt16(2, 300);
        builder.AppendInt32(3, 70000);
        builder.AppendFloat(4, 0.5f);
        builder.AppendDouble(5, 0.25);
        builder.AppendDecimal(6, 123.456m);
        builder.AppendDecimal(7, -1.5m);
        builder.AppendString(8, "x"u8);
        builder.AppendBytes(9, [7]);
        using var batch = builder.Build();
        Assert.Equal(["+I[true, -1, 300, 70000, 0.5, 0.25, 123.46, -1.50, x, [7]]"], batch.ToRowStrings());
        Assert.Equal((Int128)(-150), ((PrimitiveVector<Int128>)batch.Column(7))[0]);
    }

    [Fact]
    public void Constructor_ColumnTypeMismatch_Throws()
    {
        var schema = Schema.Of(DataTypes.Field("a", DataTypes.Int()));
        using var vector = PrimitiveVector<long>.Allocate(DataTypes.BigInt(), 1);
        Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [vector]));
    }

    [Fact]
    public void Constructor_NullabilityDiffers_Accepted()
    {
        var schema = Schema.Of(DataTypes.Field("a", DataTypes.Int().NotNull()));
        var column = PrimitiveVector<int>.FromValues(DataTypes.Int(), [1, 2]);
        using var batch = new RecordBatch(schema, [column], [RowKind.Delete, RowKind.Insert]);
        Assert.Equal(2, batch.RowCount);
        Assert.Equal(RowKind.Delete, batch.GetRowKind(0));
    }

    [Fact]
    public void Constructor_NoColumns_UsesExplicitRowCount()
    {
        using var batch = new RecordBatch(Schema.Empty, [], rowCount: 3);
        Assert.Equal(3, batch.RowCount);
        using var gathered = batch.Gather([0, 2]);
        Assert.Equal(2, gathered.RowCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Gather([3]));
    }

    [Fact]
    public void Retain_ColumnSharedWithSecondBatch_SurvivesFirstDispose()
    {
        using var tracker = BufferLeakTracker.Start();
        var first = TenRows();
        var projected = new RecordBatch(
            Schema.Of(DataTypes.Field("id", DataTypes.BigInt().NotNull())),
            [first.Column(0).Retain()]);
        first.Dispose();
        Assert.Equal(9L, projected.Column(0).GetValue(9));
        projected.Dispose();
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void IBatchGather_RecordBatch_ReturnsRecordBatch()
    {
        using var tracker = BufferLeakTracker.Start();
        using (var batch = TenRows())
        using (var gathered = ((IBatch)batch).Gather([5]))
        {
            var records = Assert.IsType<RecordBatch>(gathered);
            Assert.Equal([5000L / 1000], records.Timestamps.ToArray());
        }

        tracker.AssertNoLeaks();
    }

    [Fact]
    public void Gather_RowOutOfRange_Throws()
    {
        using var batch = TenRows();
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Gather([10]));
        using var marked = TenRows().WithSelection([1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => marked.Gather([1]));
    }

    [Fact]
    public void Dispose_Twice_IsIgnored()
    {
        using var tracker = BufferLeakTracker.Start();
        var batch = TenRows();
        _ = batch.Timestamps;
        batch.Dispose();
        batch.Dispose();
        Assert.Equal(0, batch.RowCount);
        Assert.True(batch.Timestamps.IsEmpty);
        tracker.AssertNoLeaks();
    }

    [Fact]
    public void Builder_IsReusableAfterBuild()
    {
        using var builder = new RecordBatchBuilder(Events);
        builder.AppendRow(RowKind.Delete, 1L, "a", 0L);
        using var first = builder.Build();
        Assert.Equal(0, builder.RowCount);
        builder.AppendRow(2L, "b", 0L);
        using var second = builder.Build();
        Assert.Equal(["-D[1, a, 1970-01-01T00:00:00]"], first.ToRowStrings());
        Assert.Equal(["+I[2, b, 1970-01-01T00:00:00]"], second.ToRowStrings());
    }
}
