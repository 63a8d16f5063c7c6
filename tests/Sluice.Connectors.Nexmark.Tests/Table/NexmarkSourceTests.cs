using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Nexmark.Generator;
using Sluice.Connectors.Nexmark.Table;
using Sluice.Core.Serialization;
using Sluice.Testing;

namespace Sluice.Connectors.Nexmark.Tests.Table;

public class NexmarkSourceTests
{
    private static readonly NexmarkConfiguration Configuration = new() { EventsNum = 5_000, Seed = 11, BaseTime = 1_700_000_000_000 };

    private static List<string> Serial() =>
        [.. new NexmarkGenerator(Configuration).Events(0, Configuration.EventsNum).Select(SourceTestKit.ExpectedRow)];

    private static NexmarkSource Source() => new(Configuration, SourceTestKit.FlinkSchema) { BatchSize = 300 };

    private static ISourceReader<NexmarkSplit> Reader(NexmarkSource source, int parallelism, int subtask = 0) =>
        source.CreateReader(new SourceReaderContext(subtask, parallelism, TimeProvider.System));

    [Fact]
    public void SingleSplit_Rows_AreTheGeneratorsEventsInOrder()
    {
        var source = Source();
        using var reader = Reader(source, 1);
        reader.AddSplits(source.DiscoverSplits(1));

        var rows = SourceTestKit.Drain(reader)["0"];

        Assert.Equal(Serial(), rows);
    }

    [Fact]
    public void Reads_LeaveWhatTheJobDoesNotReadNull_AndTheRestAsGenerated()
    {
        // Read: event_type, person not at all, auction.dateTime only, bid.price and bid.extra only.
        var whole = new[] { true, false, false, false };
        var fields = new IReadOnlySet<int>?[] { null, null, new HashSet<int> { 5 }, new HashSet<int> { 2, 6 } };
        var source = new NexmarkSource(Configuration, SourceTestKit.FlinkSchema, reads: new ColumnReads(4, whole, fields)) { BatchSize = 300 };
        using var reader = Reader(source, 1);
        reader.AddSplits(source.DiscoverSplits(1));

        var rows = SourceTestKit.Drain(reader)["0"];

        var expected = new NexmarkGenerator(Configuration).Events(0, Configuration.EventsNum).Select(e => SourceTestKit.Text(e switch
        {
            Model.Person => [0, null, null, null],
            Model.Auction a => [1, null, new object?[] { null, null, null, null, null, SourceTestKit.T(a.DateTime), null, null, null, null }, null],
            Model.Bid b => [2, null, null, new object?[] { null, null, b.Price, null, null, null, b.Extra }],
            _ => throw new InvalidOperationException("Unknown event."),
        }));
        Assert.Equal(expected, rows);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ParallelSplits_Together_ProduceExactlyTheSerialSequence(int parallelism)
    {
        var source = Source();
        var splits = source.DiscoverSplits(parallelism);
        Assert.Equal(parallelism, splits.Count);
        var serial = Serial();
        var merged = new string[serial.Count];
        foreach (var split in splits)
        {
            using var reader = Reader(source, parallelism, split.Index);
            reader.AddSplits([split]);
            var rows = SourceTestKit.Drain(reader)[split.SplitId];
            for (var i = 0; i < rows.Count; i++)
            {
                var index = split.Index + (i * split.Stride);
                Assert.Null(merged[index]);
                merged[index] = rows[i];
            }
        }

        Assert.Equal(serial, merged);
    }

    [Fact]
    public void SnapshotAndRestore_MidStream_ContinuesTheExactSequence()
    {
        var source = Source();
        var before = new List<string>();
        byte[] snapshot;
        using (var reader = Reader(source, 2))
        {
            reader.AddSplits(source.DiscoverSplits(2));
            foreach (var (_, rows) in SourceTestKit.Drain(reader, maxBatches: 5))
            {
                before.AddRange(rows);
            }

            using var writer = new BinaryBufferWriter();
            var state = reader.SnapshotState(1);
            writer.WriteVarInt64(state.Count);
            foreach (var split in state)
            {
                NexmarkSplit.Serializer.Serialize(split, writer);
            }

            snapshot = writer.WrittenSpan.ToArray();
        }

        // A fresh source with another (random) seed: the restored splits carry the original seed and base time.
        var fresh = new NexmarkSource(Configuration with { Seed = 99, BaseTime = 0 }, SourceTestKit.FlinkSchema) { BatchSize = 300 };
        var reader2 = Reader(fresh, 1);
        using (reader2)
        {
            var input = new BinaryBufferReader(snapshot);
            var count = (int)input.ReadVarInt64();
            var restored = Enumerable.Range(0, count).Select(_ => NexmarkSplit.Serializer.Deserialize(input)).ToList();
            reader2.AddSplits(restored);
            var after = SourceTestKit.Drain(reader2).Values.SelectMany(r => r);
            Assert.Equal(Serial().Order(StringComparer.Ordinal), before.Concat(after).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void DiscoverSplits_FewerEventsThanReaders_CreatesNoEmptySplit()
    {
        var tiny = new NexmarkSource(Configuration with { EventsNum = 2 }, SourceTestKit.FlinkSchema);

        Assert.Equal([0, 1], tiny.DiscoverSplits(4).Select(s => s.Index));
    }

    [Fact]
    public void Boundedness_FollowsEventsNumStopAtAndKeepAlive()
    {
        Assert.Equal(Boundedness.Bounded, Source().Boundedness);
        Assert.Equal(Boundedness.Unbounded, new NexmarkSource(Configuration with { EventsNum = 0 }, SourceTestKit.FlinkSchema).Boundedness);
        Assert.Equal(Boundedness.Unbounded, new NexmarkSource(Configuration, SourceTestKit.FlinkSchema) { KeepAlive = true }.Boundedness);

        var stopped = new NexmarkSource(Configuration with { EventsNum = 0 }, SourceTestKit.FlinkSchema) { StopAt = 1_000 };
        using var reader = Reader(stopped, 1);
        reader.AddSplits(stopped.DiscoverSplits(1));
        Assert.Equal(1_000, SourceTestKit.Drain(reader)["0"].Count);
    }

    [Fact]
    public void PacedSource_EmitsAnEventOnlyOnceTheClockReachesItsEventTime()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Configuration.BaseTime));
        var paced = new NexmarkSource(Configuration with { MaxEmitSpeed = false, FirstEventRate = 1_000 }, SourceTestKit.FlinkSchema) { BatchSize = 300 };
        using var reader = paced.CreateReader(new SourceReaderContext(0, 1, clock));
        reader.AddSplits(paced.DiscoverSplits(1));

        // Event n has event time base + (n + 1) ms at 1000 events/s: none is due at the base time.
        Assert.Empty(SourceTestKit.Drain(reader, maxBatches: 3).Values.SelectMany(r => r));

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(100, SourceTestKit.Drain(reader, maxBatches: 3).Values.Sum(r => r.Count));
    }

    [Fact]
    public void Schema_WithAnUnknownColumn_IsRejectedNamingIt()
    {
        var schema = Core.Schemas.Schema.Of(new Core.Schemas.Field("colour", Core.Types.DataTypes.String()));

        var error = Assert.Throws<TableOptionException>(() => new NexmarkSource(Configuration, schema));

        Assert.Contains("`colour`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_WithAWronglyTypedField_IsRejectedNamingIt()
    {
        var schema = Core.Schemas.Schema.Of(new Core.Schemas.Field("bid", Core.Types.DataTypes.Row(new Core.Schemas.Field("price", Core.Types.DataTypes.String()))));

        var error = Assert.Throws<TableOptionException>(() => new NexmarkSource(Configuration, schema));

        Assert.Contains("bid.price", error.Message, StringComparison.Ordinal);
    }
}
