using System.Text.Json;
using Sluice.Cli.Output;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Tests.Output;

public class JsonChangelogFormatterTests
{
    private static readonly Schema AllTypes = Schema.Of(
        new Field("b", DataTypes.Boolean()),
        new Field("i8", DataTypes.TinyInt()),
        new Field("i16", DataTypes.SmallInt()),
        new Field("i32", DataTypes.Int()),
        new Field("i64", DataTypes.BigInt()),
        new Field("f", DataTypes.Float()),
        new Field("d", DataTypes.Double()),
        new Field("dec", DataTypes.Decimal(5, 2)),
        new Field("s", DataTypes.String()),
        new Field("c", DataTypes.Char(3)),
        new Field("bin", DataTypes.Bytes()),
        new Field("day", DataTypes.Date()),
        new Field("t0", DataTypes.Time(0)),
        new Field("t3", DataTypes.Time(3)),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("ltz", DataTypes.TimestampLtz(3)),
        new Field("ym", DataTypes.IntervalYearMonth()),
        new Field("dt", DataTypes.IntervalDayTime(3)),
        new Field("arr", DataTypes.Array(DataTypes.Int())),
        new Field("ms", DataTypes.Multiset(DataTypes.String())),
        new Field("m", DataTypes.Map(DataTypes.String(), DataTypes.Double())),
        new Field("r", DataTypes.Row(new Field("x", DataTypes.Int()), new Field("y", DataTypes.String()))));

    private static string Run(Schema schema, TimeZoneInfo? zone, params Sluice.Core.Batches.RecordBatch[] batches)
    {
        var output = new StringWriter();
        var formatter = new JsonChangelogFormatter(output, schema, new ResultText(zone ?? TimeZoneInfo.Utc));
        formatter.Start();
        foreach (var batch in batches)
        {
            using (batch)
            {
                formatter.WriteBatch(batch);
            }
        }

        formatter.Complete();
        return output.ToString();
    }

    [Fact]
    public void WriteBatch_EveryType_OneObjectWithTheColumnsInSchemaOrder()
    {
        using var batch = Batches.Of(AllTypes, Batches.R("+I",
            true, (sbyte)-1, (short)300, 70000, 9007199254740993L, 1.5f, 0.1, 11m, "tab\there \"q\" é", "abc", new byte[] { 0, 255 },
            new DateOnly(2024, 2, 29), new TimeOnly(23, 59, 58), new TimeOnly(8, 0, 0, 250), new DateTime(2024, 1, 1, 10, 0, 0),
            new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero), 18, TimeSpan.FromHours(58),
            new object?[] { 1, null }, new object?[] { "a", "a" }, new KeyValuePair<object?, object?>[] { new("k", double.NaN) },
            new object?[] { 5, null }));

        var line = Run(AllTypes, Sluice.Sql.Physical.Expressions.ExpressionEnvironment.ParseTimeZone("GMT+01:00"), batch);

        Assert.Equal(
            "{\"op\":\"+I\",\"row\":{\"b\":true,\"i8\":-1,\"i16\":300,\"i32\":70000,\"i64\":9007199254740993,\"f\":1.5,\"d\":0.1," +
            "\"dec\":\"11.00\",\"s\":\"tab\\there \\\"q\\\" é\",\"c\":\"abc\",\"bin\":\"AP8=\",\"day\":\"2024-02-29\",\"t0\":\"23:59:58\"," +
            "\"t3\":\"08:00:00.250\",\"ts\":\"2024-01-01 10:00:00.000\",\"ltz\":\"2024-01-01 11:00:00.000\",\"ym\":\"+1-06\"," +
            "\"dt\":\"+2 10:00:00.000\",\"arr\":[1,null],\"ms\":[\"a\",\"a\"],\"m\":{\"k\":\"NaN\"},\"r\":{\"x\":5,\"y\":null}}}\n",
            line);
        using var parsed = JsonDocument.Parse(line);
        Assert.Equal(JsonValueKind.Number, parsed.RootElement.GetProperty("row").GetProperty("i64").ValueKind);
    }

    [Fact]
    public void WriteBatch_Nulls_AreJsonNullForEveryType()
    {
        using var batch = Batches.Of(AllTypes, Batches.R("+I", new object?[AllTypes.Count]));

        var line = Run(AllTypes, null, batch);

        using var parsed = JsonDocument.Parse(line);
        var row = parsed.RootElement.GetProperty("row");
        Assert.Equal(AllTypes.Fields.Select(f => f.Name), row.EnumerateObject().Select(p => p.Name));
        Assert.All(row.EnumerateObject(), p => Assert.Equal(JsonValueKind.Null, p.Value.ValueKind));
    }

    [Fact]
    public void WriteBatch_RowKinds_OneLinePerChangeInOrder()
    {
        var schema = Schema.Of(new Field("k", DataTypes.String()), new Field("n", DataTypes.BigInt()));
        var first = Batches.Of(schema, Batches.R("+I", "a", 1L), Batches.R("-U", "a", 1L), Batches.R("+U", "a", 2L));
        var second = Batches.Of(schema, Batches.R("-D", "a", 2L));

        var output = Run(schema, null, first, second);

        Assert.Equal(
            "{\"op\":\"+I\",\"row\":{\"k\":\"a\",\"n\":1}}\n" +
            "{\"op\":\"-U\",\"row\":{\"k\":\"a\",\"n\":1}}\n" +
            "{\"op\":\"+U\",\"row\":{\"k\":\"a\",\"n\":2}}\n" +
            "{\"op\":\"-D\",\"row\":{\"k\":\"a\",\"n\":2}}\n",
            output);
    }

    [Fact]
    public void WriteBatch_FloatingPointSpecials_AreStringsAndFiniteValuesNumbers()
    {
        var schema = Schema.Of(new Field("d", DataTypes.Double()));
        using var batch = Batches.Of(schema, Batches.R("+I", double.NaN), Batches.R("+I", double.PositiveInfinity),
            Batches.R("+I", double.NegativeInfinity), Batches.R("+I", 1e20), Batches.R("+I", -0.0));

        var lines = Run(schema, null, batch).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            [
                "{\"op\":\"+I\",\"row\":{\"d\":\"NaN\"}}",
                "{\"op\":\"+I\",\"row\":{\"d\":\"Infinity\"}}",
                "{\"op\":\"+I\",\"row\":{\"d\":\"-Infinity\"}}",
                "{\"op\":\"+I\",\"row\":{\"d\":1.0E20}}",
                "{\"op\":\"+I\",\"row\":{\"d\":-0.0}}",
            ],
            lines);
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public void WriteBatch_SelectedRows_OnlyTheLogicalRows()
    {
        var schema = Schema.Of(new Field("n", DataTypes.Int()));
        using var batch = Batches.Of(schema, Batches.R("+I", 1), Batches.R("+I", 2), Batches.R("+I", 3)).WithSelection([0, 2]);

        Assert.Equal("{\"op\":\"+I\",\"row\":{\"n\":1}}\n{\"op\":\"+I\",\"row\":{\"n\":3}}\n", Run(schema, null, batch));
    }

    [Fact]
    public void WriteBatch_EachBatch_IsFlushedToTheOutput()
    {
        var schema = Schema.Of(new Field("n", DataTypes.Int()));
        var output = new FlushCountingWriter();
        var formatter = new JsonChangelogFormatter(output, schema, ResultText.Utc);
        using var first = Batches.Of(schema, Batches.R("+I", 1));
        using var second = Batches.Of(schema, Batches.R("+I", 2));

        formatter.WriteBatch(first);
        Assert.Equal(1, output.Flushes);
        Assert.Equal("{\"op\":\"+I\",\"row\":{\"n\":1}}\n", output.ToString());
        formatter.WriteBatch(second);
        Assert.Equal(2, output.Flushes);
    }

    private sealed class FlushCountingWriter : StringWriter
    {
        public int Flushes { get; private set; }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }
}
