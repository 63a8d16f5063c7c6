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
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "postgres-cdc",
            ["hostname"] = "127.0.0.1",
            ["port"] = _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["username"] = "postgres",
            ["password"] = "unused",
            ["database-name"] = _db,
            ["table-name"] = "wide",
            ["slot.name"] = "decimal_slot",
        };
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

    [Fact]
    public void Sink_AValueItWouldRound_FailsNamingTheColumn()
    {
        _server.Execute(_db, "CREATE TABLE target (k int, v numeric(38, 8))");
        var sink = ((SinkHandle<string>)TestTables.Registry().CreateSink(TestTables.Context(Schema, TestTables.PostgresOptions(_server, _db, "target"))).Sink).Sink;
        using var writer = sink.CreateWriter(new SinkContext(0, 1, "a", TimeProvider.System));
        using var builder = new RecordBatchBuilder(Schema, 2);
        builder.AppendInt32(0, 1);
        builder.AppendInt128(1, WideUnscaled);
        builder.AppendRowKind(RowKind.Insert);
        using var batch = builder.Build();

        var error = Assert.Throws<ConnectorException>(() => writer.Write(batch));

        Assert.Contains("column \"v\"", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Query(_db, "SELECT k FROM target"));
    }
}
