using System.Globalization;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin.Datagen;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Testing;
using static Sluice.Connectors.Builtin.Tests.Datagen.DatagenTestSupport;

namespace Sluice.Connectors.Builtin.Tests.Datagen;

public class DatagenSourceTests
{
    private static readonly Schema EveryType = Schema.Of(
        new Field("b", DataTypes.Boolean()), new Field("ti", DataTypes.TinyInt()), new Field("i", DataTypes.Int()),
        new Field("bi", DataTypes.BigInt()), new Field("f", DataTypes.Float()), new Field("d", DataTypes.Double()),
        new Field("m", DataTypes.Decimal(10, 2)), new Field("w", DataTypes.Decimal(30, 5)), new Field("s", DataTypes.String()),
        new Field("c", DataTypes.Char(3)), new Field("bin", DataTypes.Bytes()), new Field("dt", DataTypes.Date()), new Field("tm", DataTypes.Time(3)),
        new Field("ts", DataTypes.Timestamp(3)), new Field("ltz", DataTypes.TimestampLtz(3)), new Field("ym", DataTypes.IntervalYearMonth()),
        new Field("ds", DataTypes.IntervalDayTime(3)), new Field("arr", DataTypes.Array(DataTypes.Int())),
        new Field("map", DataTypes.Map(DataTypes.String(), DataTypes.Double())), new Field("ms", DataTypes.Multiset(DataTypes.Int())),
        new Field("r", DataTypes.Row(new Field("x", DataTypes.Int()), new Field("y", DataTypes.Date()))));

    [Fact]
    public void Rows_SameSeed_AreIdenticalAtAnyParallelism()
    {
        var options = new[] { ("number-of-rows", "200"), ("seed", "42"), ("fields.s.length", "8") };

        var serial = ReadAll(Create(EveryType, options), 1).SelectMany(r => r).ToList();
        var again = ReadAll(Create(EveryType, options), 1).SelectMany(r => r).ToList();
        var parallel = ReadAll(Create(EveryType, options), 3).SelectMany(r => r).ToList();

        Assert.Equal(200, serial.Count);
        Assert.Equal(serial, again);
        Assert.Equal(serial.Order(StringComparer.Ordinal), parallel.Order(StringComparer.Ordinal));
        Assert.Equal(200, serial.Distinct().Count());
    }

    [Fact]
    public void Rows_OtherSeed_Differ()
    {
        var a = ReadAll(Create(EveryType, ("number-of-rows", "5"), ("seed", "1")), 1)[0];
        var b = ReadAll(Create(EveryType, ("number-of-rows", "5"), ("seed", "2")), 1)[0];

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void NumberOfRows_Set_EmitsExactlyThatManyAndEnds()
    {
        var source = Create(EveryType, ("number-of-rows", "2500"), ("rows-per-second", "1000000000"));

        Assert.Equal(Boundedness.Bounded, source.Boundedness);
        Assert.Equal(2500, ReadAll(source, 2).Sum(r => r.Count));
    }

    [Fact]
    public void Sequence_TwoReaders_SplitTheRangeWithoutOverlap()
    {
        var schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));
        var source = Create(schema, ("fields.id.kind", "sequence"), ("fields.id.start", "1"), ("fields.id.end", "100"),
            ("fields.name.kind", "sequence"), ("fields.name.start", "1001"), ("fields.name.end", "2000"));

        var rows = ReadAll(source, 2);

        Assert.Equal(Boundedness.Bounded, source.Boundedness);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"+I[{i}, {i + 1000}]"), rows[0]);
        Assert.Equal(Enumerable.Range(51, 50).Select(i => $"+I[{i}, {i + 1000}]"), rows[1]);
    }

    [Fact]
    public void Sequence_DecimalAndDouble_StepByOne()
    {
        var schema = Schema.Of(new Field("m", DataTypes.Decimal(5, 1)), new Field("d", DataTypes.Double()));
        var source = Create(schema, ("fields.m.kind", "sequence"), ("fields.m.start", "1.5"), ("fields.m.end", "3.5"),
            ("fields.d.kind", "sequence"), ("fields.d.start", "0.25"), ("fields.d.end", "10"));

        Assert.Equal(["+I[1.5, 0.25]", "+I[2.5, 1.25]", "+I[3.5, 2.25]"], ReadAll(source, 1)[0]);
    }

    [Fact]
    public void Random_MinMaxLengthAndNullRate_AreHonored()
    {
        var schema = Schema.Of(new Field("i", DataTypes.Int()), new Field("d", DataTypes.Double()), new Field("s", DataTypes.String()),
            new Field("v", DataTypes.String()), new Field("n", DataTypes.Int()), new Field("arr", DataTypes.Array(DataTypes.Int())));
        var source = Create(schema, ("number-of-rows", "500"), ("seed", "7"), ("fields.i.min", "5"), ("fields.i.max", "10"),
            ("fields.d.min", "0"), ("fields.d.max", "1"), ("fields.s.length", "4"), ("fields.v.length", "6"), ("fields.v.var-len", "true"),
            ("fields.n.null-rate", "1"), ("fields.arr.length", "2"));
        var builder = new Sluice.Core.Batches.RecordBatchBuilder(schema);

        var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        var values = new List<object?[]>();
        var output = new ValueOutput(values);
        while (reader.PollNext(output) != InputStatus.EndOfInput)
        {
        }

        Assert.Equal(500, values.Count);
        Assert.All(values, v => Assert.InRange((int)v[0]!, 5, 10));
        Assert.All(values, v => Assert.InRange((double)v[1]!, 0, 1));
        Assert.All(values, v => Assert.Matches("^[0-9a-zA-Z]{4}$", (string)v[2]!));
        Assert.All(values, v => Assert.InRange(((string)v[3]!).Length, 1, 6));
        Assert.True(values.Select(v => ((string)v[3]!).Length).Distinct().Count() > 1);
        Assert.All(values, v => Assert.Null(v[4]));
        Assert.All(values, v => Assert.Equal(2, ((object?[])v[5]!).Length));
        Assert.Equal(6, values.Select(v => (int)v[0]!).Distinct().Count());
        builder.Dispose();
    }

    [Fact]
    public void Random_Timestamps_LieWithinMaxPastBeforeTheStart()
    {
        var schema = Schema.Of(new Field("ltz", DataTypes.TimestampLtz(3)), new Field("dt", DataTypes.Date()));
        var source = Create(schema, ("number-of-rows", "100"), ("fields.ltz.max-past", "1 h"), ("fields.dt.max-past", "3 d"));
        var values = new List<object?[]>();
        var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        while (reader.PollNext(new ValueOutput(values)) != InputStatus.EndOfInput)
        {
        }

        Assert.All(values, v => Assert.InRange((DateTimeOffset)v[0]!, Start.AddHours(-1), Start));
        Assert.All(values, v => Assert.InRange((DateOnly)v[1]!, new DateOnly(2024, 5, 29), new DateOnly(2024, 6, 1)));
    }

    [Fact]
    public void RowsPerSecond_ManualClock_ThrottlesTheReader()
    {
        var time = new ManualTimeProvider();
        var source = Create(Schema.Of(new Field("i", DataTypes.Int())), ("rows-per-second", "20"));
        var output = new DatagenTestSupport.Output();
        using var reader = source.CreateReader(new SourceReaderContext(0, 2, time));
        reader.AddSplits([source.DiscoverSplits(2)[0]]);

        Assert.Equal(InputStatus.MoreAvailable, reader.PollNext(output));
        Assert.Equal(InputStatus.NothingAvailable, reader.PollNext(output));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(InputStatus.MoreAvailable, reader.PollNext(output));
        Assert.Equal(InputStatus.NothingAvailable, reader.PollNext(output));

        Assert.Equal([1, 10], output.BatchSizes); // 20 rows per second shared by 2 readers
        Assert.Equal(Boundedness.Unbounded, source.Boundedness);
    }

    [Fact]
    public void DiscoverSplits_Unbounded_InterleavesRowNumbers()
    {
        var source = Create(Schema.Of(new Field("i", DataTypes.Int())));

        var splits = source.DiscoverSplits(3);

        Assert.Equal([0L, 1L, 2L], splits.Select(s => s.Next));
        Assert.All(splits, s => Assert.Equal(3, s.Stride));
        Assert.All(splits, s => Assert.Equal(long.MaxValue, s.End));
    }

    [Theory]
    [InlineData("fields.nme.kind", "random", "Option 'fields.nme.kind' of connector 'datagen' refers to column `nme`, which table 't' does not have.")]
    [InlineData("fields.id.kind", "sequence", "Option 'fields.id.start' of connector 'datagen': is required for a sequence")]
    [InlineData("fields.id.kind", "randm", "Invalid value 'randm' for option 'fields.id.kind' of connector 'datagen': expected one of 'random', 'sequence'.")]
    [InlineData("rows-per-secnd", "5", "Unsupported option 'rows-per-secnd' for connector 'datagen'. Did you mean 'rows-per-second'?")]
    [InlineData("fields.id.knd", "random", "Unsupported option 'fields.id.knd' for connector 'datagen'. Did you mean 'fields.id.kind'?")]
    [InlineData("fields.id.min", "abc", "Option 'fields.id.min' of connector 'datagen': expected an integer for the column of type BIGINT, found 'abc'.")]
    [InlineData("fields.name.min", "1", "Option 'fields.name.min' of connector 'datagen': min and max apply to numeric columns, not to STRING.")]
    [InlineData("fields.id.null-rate", "2", "Option 'fields.id.null-rate' of connector 'datagen': must be between 0 and 1, not 2.")]
    [InlineData("rows-per-second", "0", "Option 'rows-per-second' of connector 'datagen': must be positive, not 0.")]
    public void CreateSource_InvalidOption_SaysWhichAndWhy(string key, string value, string expected)
    {
        var schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));

        var error = Assert.Throws<TableOptionException>(() => Create(schema, (key, value)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptor_DocumentsTheSeedAsASluiceExtension()
    {
        var seed = DatagenTableFactory.ConnectorDescriptor.FindOption("seed");

        Assert.NotNull(seed);
        Assert.StartsWith("Sluice extension", seed.Description, StringComparison.Ordinal);
        Assert.Equal("fields.#.kind", DatagenTableFactory.ConnectorDescriptor.FindOption("fields.price.kind")?.Key);
    }

    private sealed class ValueOutput(List<object?[]> values) : ISourceOutput
    {
        public void Emit(string splitId, Sluice.Core.Batches.IBatch batch)
        {
            using var records = (Sluice.Core.Batches.RecordBatch)batch;
            for (var row = 0; row < records.RowCount; row++)
            {
                values.Add(Enumerable.Range(0, records.ColumnCount).Select(c => records.Column(c).GetValue(row)).ToArray());
            }
        }

        public void SplitFinished(string splitId)
        {
        }
    }
}
