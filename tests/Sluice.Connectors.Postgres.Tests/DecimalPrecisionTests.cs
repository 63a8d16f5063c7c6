using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Cdc;
using Sluice.Connectors.Postgres.Table;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>
/// DECIMAL holds up to 38 digits, System.Decimal 28: numerics with more digits are read exactly (scan, CDC snapshot and
/// stream), a value that does not fit the column's DECIMAL(p, s) fails naming the column, and the sink refuses to write
/// a value it would round.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DecimalPrecisionTests
{
    private const string Wide = "123456789012345678901234567890.12345678";
    private static readonly Int128 WideUnscaled = Int128.Parse("12345678901234567890123456789012345678", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly Schema Schema = Schema.Of(new Field("k", DataTypes.Int()), new Field("v", DataTypes.Decimal(38, 8)));

    private readonly PostgresServer _server;
    private readonly string _db;

    public DecimalPrecisionTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("decimals");
        server.Execute(_db, $"CREATE TABLE wide (k int PRIMARY KEY, v numeric); ALTER TABLE wide REPLICA IDENTITY FULL; " +
            $"INSERT INTO wide VALUES (1, {Wide}), (2, 0.5), (3, NULL)");
    }

    /// <summary>Keeps the stored (unscaled) values of column 1 of every emitted row.</summary>
    private sealed class UnscaledOutput : ISourceOutput
    {
        public List<Int128?> Values { get; } = [];

        public void Emit(string splitId, IBatch batch)
        {
            using var records = (RecordBatch)batch;
            var column = (PrimitiveVector<Int128>)records.Column(1);
            for (var r = 0; r < records.RowCount; r++)
            {
                var physical = records.PhysicalRow(r);
                Values.Add(column.IsNull(physical) ? null : column[physical]);
            }
        }

        public void SplitFinished(string splitId)
        {
        }
    }

    private ISource<Sluice.Connectors.Postgres.Scan.PostgresScanSplit> Scan(Schema schema) =>
        ((PostgresTableSource)TestTables.Registry().CreateSource(TestTables.Context(schema, TestTables.PostgresOptions(_server, _db, "wide"), "k"))).Scan;

    [Fact]
    public void Scan_ReadsMoreDigitsThanSystemDecimalHolds_Exactly()
    {
        var scan = Scan(Schema);
        var output = new UnscaledOutput();
        using (var reader = scan.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System)))
        {
            reader.AddSplits(scan.DiscoverSplits(1));
            while (reader.PollNext(output) != InputStatus.EndOfInput)
            {
            }
        }

        Assert.Equal(new Int128?[] { WideUnscaled, 50_000_000, null }, output.Values);
    }

    [Fact]
    public void Scan_AValueBeyondTheColumnsPrecision_FailsNamingTheColumn()
    {
        var scan = Scan(Schema.Of(new Field("k", DataTypes.Int()), new Field("v", DataTypes.Decimal(20, 2))));
        using var reader = scan.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(scan.DiscoverSplits(1));

        var error = Assert.Throws<ConnectorException>(() => reader.PollNext(new CollectingOutput()));

        Assert.Contains("column \"v\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("DECIMAL(20, 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains(Wide, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cdc_SnapshotAndStream_ReadMoreDigitsThanSystemDecimalHolds_Exactly()
    {
        var options = TestTables.CdcOptions(_server, _db, "wide", "decimal_slot");
        var source = (PostgresCdcSource)((SourceHandle<PostgresCdcSplit>)TestTables.Registry().CreateSource(TestTables.Context(Schema, options)).Source).Source;
        var output = new UnscaledOutput();
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        reader.PollNext(output);
        Assert.Equal(3, output.Values.Count);
        Assert.Contains(WideUnscaled, output.Values);

        _server.Execute(_db, $"INSERT INTO wide VALUES (4, -{Wide})");
        Poll.Until(() =>
        {
            reader.PollNext(output);
            return output.Values.Count == 4;
        }, "the streamed insert");

        Assert.Equal(-WideUnscaled, output.Values[3]);
    }

    /// <summary>38-digit values at scale 8 and scale 0, beyond System.Decimal's 28 digits, and small ones.</summary>
    private static readonly Int128 Max38 = Int128.Parse(new string('9', 38), System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Schema WideKeySchema = Schema.Of(new Field("k", DataTypes.Decimal(38, 0)), new Field("v", DataTypes.Decimal(38, 8)));

    private ISink<string> Sink(Schema schema, string table, string[] primaryKey, params (string Key, string Value)[] extra) =>
        ((SinkHandle<string>)TestTables.Registry().CreateSink(TestTables.Context(schema, TestTables.PostgresOptions(_server, _db, table, extra), primaryKey)).Sink).Sink;

    /// <summary>A batch of (k, v) rows given as unscaled values (null for NULL).</summary>
    private static RecordBatch Batch(Schema schema, params (RowKind Kind, Int128 K, Int128? V)[] rows)
    {
        using var builder = new RecordBatchBuilder(schema, rows.Length);
        foreach (var (kind, k, v) in rows)
        {
            if (schema[0].DataType.TypeId == TypeId.Int)
            {
                builder.AppendInt32(0, (int)k);
            }
            else
            {
                builder.AppendInt128(0, k);
            }

            if (v is { } value)
            {
                builder.AppendInt128(1, value);
            }
            else
            {
                builder.AppendNull(1);
            }

            builder.AppendRowKind(kind);
        }

        return builder.Build();
    }

    /// <summary>Scans <paramref name="table"/> back through the postgres source: the unscaled values of column v in k order.</summary>
    private List<Int128?> ScanBack(string table, Schema schema)
    {
        var source = (PostgresTableSource)TestTables.Registry().CreateSource(TestTables.Context(schema, TestTables.PostgresOptions(_server, _db, table), "k"));
        var output = new UnscaledOutput();
        using var reader = source.Scan.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.Scan.DiscoverSplits(1));
        while (reader.PollNext(output) != InputStatus.EndOfInput)
        {
        }

        return output.Values;
    }

    [Theory]
    [InlineData("at-least-once")]
    [InlineData("exactly-once")]
    public void Sink_Append_WritesMoreDigitsThanSystemDecimalHolds_Exactly_AndTheScanReadsThemBack(string guarantee)
    {
        var table = "append_" + guarantee.Replace('-', '_');
        _server.Execute(_db, $"CREATE TABLE {table} (k int, v numeric(38, 8))");
        var sink = Sink(Schema, table, [], ("sink.delivery-guarantee", guarantee), ("sink.transaction-id-prefix", "append-" + guarantee));
        var context = new SinkContext(0, 1, "a", TimeProvider.System);
        using (var writer = sink.CreateWriter(context))
        {
            // Rows the binary COPY writes and rows beyond System.Decimal in one flush.
            using var batch = Batch(Schema, (RowKind.Insert, 1, WideUnscaled), (RowKind.Insert, 2, 50_000_000), (RowKind.Insert, 3, -Max38),
                (RowKind.Insert, 4, null), (RowKind.Insert, 5, 1));
            writer.Write(batch);
            sink.CreateCommitter(context).Commit(writer.PrepareCommit(1));
        }

        Assert.Equal([Wide, "0.50000000", "-" + new string('9', 30) + "." + new string('9', 8), "NULL", "0.00000001"],
            _server.Query(_db, $"SELECT v::text FROM {table} ORDER BY k"));
        Assert.Equal(new Int128?[] { WideUnscaled, 50_000_000, -Max38, null, 1 }, ScanBack(table, Schema));
    }

    [Theory]
    [InlineData("at-least-once")]
    [InlineData("exactly-once")]
    public void Sink_Upsert_WritesAndDeletesByKeysBeyondSystemDecimal_Exactly(string guarantee)
    {
        var table = "upsert_" + guarantee.Replace('-', '_');
        _server.Execute(_db, $"CREATE TABLE {table} (k numeric(38, 0) PRIMARY KEY, v numeric(38, 8))");
        var sink = Sink(WideKeySchema, table, ["k"], ("sink.delivery-guarantee", guarantee), ("sink.transaction-id-prefix", "wide-" + guarantee));
        var context = new SinkContext(0, 1, "a", TimeProvider.System);
        using (var writer = sink.CreateWriter(context))
        {
            using (var first = Batch(WideKeySchema, (RowKind.Insert, Max38, WideUnscaled), (RowKind.Insert, -Max38, 7), (RowKind.Insert, 3, -WideUnscaled)))
            {
                writer.Write(first);
            }

            sink.CreateCommitter(context).Commit(writer.PrepareCommit(1));
            using (var second = Batch(WideKeySchema, (RowKind.UpdateBefore, Max38, WideUnscaled), (RowKind.UpdateAfter, Max38, Max38),
                (RowKind.Delete, -Max38, 7)))
            {
                writer.Write(second);
            }

            sink.CreateCommitter(context).Commit(writer.PrepareCommit(2));
        }

        Assert.Equal(["3|" + "-" + Wide, new string('9', 38) + "|" + new string('9', 30) + "." + new string('9', 8)],
            _server.Query(_db, $"SELECT k::text, v::text FROM {table} ORDER BY k"));
        Assert.Equal(new Int128?[] { -WideUnscaled, Max38 }, ScanBack(table, WideKeySchema));
    }

    [Fact]
    public void Lookup_ByAKeyBeyondSystemDecimal_FindsItsRow()
    {
        var source = (ILookupTableSource)TestTables.Registry().CreateSource(TestTables.Context(Schema, TestTables.PostgresOptions(_server, _db, "wide")));
        using var function = (Sluice.Connectors.Postgres.Lookup.PostgresLookupFunction)source.CreateLookupFunction([1]);
        function.Open(TimeProvider.System);
        var keySchema = Schema.Of(new Field("v", DataTypes.Decimal(38, 8)));
        using var builder = new RecordBatchBuilder(keySchema, 3);
        foreach (var key in new[] { -WideUnscaled, WideUnscaled, 50_000_000 })
        {
            builder.AppendInt128(0, key);
            builder.AppendRowKind(RowKind.Insert);
        }

        using var probes = builder.Build();
        var result = function.Lookup(probes);
        using var rows = result.Rows;

        Assert.Equal([1, 2], result.KeyRows);
        var k = rows.Column(0);
        Assert.Equal(new object?[] { 1, 2 }, Enumerable.Range(0, rows.RowCount).Select(r => k.GetValue(rows.PhysicalRow(r))).ToArray());
    }
}
