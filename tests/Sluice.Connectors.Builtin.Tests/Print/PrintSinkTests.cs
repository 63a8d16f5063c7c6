using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin.Print;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Builtin.Tests.Print;

public class PrintSinkTests
{
    private static readonly Schema Simple = Schema.Of(new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()));

    [Fact]
    public void Write_Changelog_PrintsFlinkNotation()
    {
        var output = new StringWriter();
        var sink = new PrintSink(output);

        Write(sink, new SinkContext(0, 1, "a", TimeProvider.System), Simple,
            (RowKind.Insert, [1, "a"]), (RowKind.UpdateBefore, [1, "a"]), (RowKind.UpdateAfter, [1, "b"]), (RowKind.Delete, [2, null]));

        Assert.Equal("+I[1, a]\n-U[1, a]\n+U[1, b]\n-D[2, null]\n", output.ToString());
    }

    [Theory]
    [InlineData("id", 0, 1, "id> ")]
    [InlineData("id", 1, 4, "id:2> ")]
    [InlineData(null, 2, 4, "3> ")]
    [InlineData(null, 0, 1, "")]
    public void Prefix_IdentifierAndParallelism_AsFlinkWritesIt(string? identifier, int subtask, int parallelism, string expected)
    {
        Assert.Equal(expected, PrintSink.Prefix(identifier, subtask, parallelism));
    }

    [Fact]
    public void Write_WithIdentifier_PrefixesEveryLine()
    {
        var output = new StringWriter();

        Write(new PrintSink(output, "orders"), new SinkContext(1, 2, "a", TimeProvider.System), Simple, (RowKind.Insert, [1, "a"]), (RowKind.Insert, [2, "b"]));

        Assert.Equal("orders:2> +I[1, a]\norders:2> +I[2, b]\n", output.ToString());
    }

    [Fact]
    public void Write_EveryType_PrintsAsJavaToStringDoes()
    {
        var schema = Schema.Of(
            new Field("b", DataTypes.Boolean()), new Field("d", DataTypes.Double()), new Field("f", DataTypes.Float()),
            new Field("m", DataTypes.Decimal(10, 2)), new Field("bin", DataTypes.Bytes()), new Field("dt", DataTypes.Date()),
            new Field("t0", DataTypes.Time(0)), new Field("t3", DataTypes.Time(3)), new Field("ts", DataTypes.Timestamp(3)),
            new Field("ts0", DataTypes.Timestamp(0)), new Field("ltz", DataTypes.TimestampLtz(6)), new Field("ym", DataTypes.IntervalYearMonth()),
            new Field("ds", DataTypes.IntervalDayTime(3)), new Field("neg", DataTypes.IntervalDayTime(3)), new Field("arr", DataTypes.Array(DataTypes.Int())),
            new Field("map", DataTypes.Map(DataTypes.String(), DataTypes.Int())), new Field("ms", DataTypes.Multiset(DataTypes.String())),
            new Field("r", DataTypes.Row(new Field("x", DataTypes.Int()), new Field("y", DataTypes.String()))));
        var output = new StringWriter();

        Write(new PrintSink(output), new SinkContext(0, 1, "a", TimeProvider.System), schema, (RowKind.Insert,
        [
            true, 1.0, 1.5e10f, 12.3m, new byte[] { 1, 255 }, new DateOnly(2024, 1, 2), new TimeOnly(12, 30), new TimeOnly(12, 30, 5, 500),
            new DateTime(2024, 1, 2, 3, 4, 5, 600), new DateTime(2024, 1, 2, 3, 4, 0), new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            14, new TimeSpan(1, 2, 3, 4, 500), TimeSpan.FromMilliseconds(-1500), new object?[] { 1, null }, new Dictionary<string, int> { ["a"] = 1 },
            new object?[] { "x", "x", "y" }, new object?[] { 7, "seven" },
        ]));

        Assert.Equal("+I[true, 1.0, 1.5E10, 12.30, [1, -1], 2024-01-02, 12:30, 12:30:05.500, 2024-01-02T03:04:05.600, 2024-01-02T03:04, " +
            "2024-01-02T03:04:05Z, P1Y2M, PT26H3M4.5S, PT-1.5S, [1, null], {a=1}, {x=2, y=1}, +I[7, seven]]\n", output.ToString());
    }

    [Fact]
    public void Factory_StandardError_WritesToTheErrorWriter()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var registry = new ConnectorRegistry().Add(new PrintTableFactory(stdout, stderr));

        var table = registry.CreateSink(new TableContext("t", Simple, new Dictionary<string, string>
        {
            ["connector"] = "print",
            ["standard-error"] = "true",
            ["print-identifier"] = "err",
        }));
        Write(Assert.IsType<SinkHandle<NoCommit>>(table.Sink).Sink, new SinkContext(0, 1, "a", TimeProvider.System), Simple, (RowKind.Insert, [1, "a"]));

        Assert.Equal("", stdout.ToString());
        Assert.Equal("err> +I[1, a]\n", stderr.ToString());
        Assert.Equal(ChangelogMode.All, table.AcceptedChangelogMode);
    }

    [Fact]
    public void Writer_PrepareCommit_ReturnsNothingToCommit()
    {
        using var writer = new PrintSink(new StringWriter()).CreateWriter(new SinkContext(0, 1, "a", TimeProvider.System));

        Assert.Empty(writer.PrepareCommit(1));
    }

    private static void Write(ISink<NoCommit> sink, SinkContext context, Schema schema, params (RowKind Kind, object?[] Values)[] rows)
    {
        using var writer = sink.CreateWriter(context);
        using var builder = new RecordBatchBuilder(schema);
        foreach (var (kind, values) in rows)
        {
            builder.AppendRow(kind, values);
        }

        using var batch = builder.Build();
        writer.Write(batch);
        writer.Finish();
        Assert.Empty(writer.PrepareCommit(1));
    }
}
