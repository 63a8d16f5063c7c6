using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Table;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>Every supported type written by the sink, checked in PostgreSQL's own text, and read back by the scan.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TypeMappingTests
{
    private static readonly Schema Schema = Schema.Of(
        new Field("k", DataTypes.Int()),
        new Field("b", DataTypes.Boolean()),
        new Field("t8", DataTypes.TinyInt()),
        new Field("i16", DataTypes.SmallInt()),
        new Field("i64", DataTypes.BigInt()),
        new Field("f32", DataTypes.Float()),
        new Field("f64", DataTypes.Double()),
        new Field("dec", DataTypes.Decimal(12, 3)),
        new Field("big", DataTypes.Decimal(30, 5)),
        new Field("c", DataTypes.Char(3)),
        new Field("s", DataTypes.String()),
        new Field("bin", DataTypes.Bytes()),
        new Field("d", DataTypes.Date()),
        new Field("tm", DataTypes.Time(6)),
        new Field("ts", DataTypes.Timestamp(6)),
        new Field("ltz", DataTypes.TimestampLtz(6)),
        new Field("arr", DataTypes.Array(DataTypes.Int())),
        new Field("words", DataTypes.Array(DataTypes.String())));

    private const string Ddl = "k int PRIMARY KEY, b bool, t8 smallint, i16 int2, i64 bigint, f32 real, f64 double precision, " +
        "dec numeric(12,3), big numeric(30,5), c char(3), s varchar(100), bin bytea, d date, tm time, ts timestamp, ltz timestamptz, arr int[], words text[]";

    private readonly PostgresServer _server;
    private readonly string _db;

    public TypeMappingTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("types");
    }

    /// <summary>With a key the sink upserts (multi-row INSERT ... ON CONFLICT); without one it appends (binary COPY).</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EveryType_RoundTripsThroughTheSinkAndTheScan(bool withKey)
    {
        _server.Execute(_db, $"CREATE TABLE all_types ({(withKey ? Ddl : Ddl.Replace(" PRIMARY KEY", "", StringComparison.Ordinal))})");
        var registry = TestTables.Registry();
        var options = TestTables.PostgresOptions(_server, _db, "all_types");
        string[] key = withKey ? ["k"] : [];
        var sink = ((SinkHandle<string>)registry.CreateSink(TestTables.Context(Schema, options, key)).Sink).Sink;
        var full = new object?[]
        {
            1, true, (sbyte)-7, (short)300, 9_000_000_000L, 1.5f, -2.25, 123456789.125m, 12345678901234567890.12345m, "ab ", "héllo ✓", new byte[] { 0, 1, 255 },
            new DateOnly(2024, 2, 29), new TimeOnly(13, 45, 6, 789, 123), new DateTime(2024, 3, 1, 10, 20, 30, 456, 789),
            new DateTimeOffset(2024, 3, 1, 10, 20, 30, 456, 789, TimeSpan.Zero), new object?[] { 1, null, 3 }, new object?[] { "x", "y z" },
        };
        var nulls = new object?[Schema.Count];
        nulls[0] = 2;
        using (var writer = sink.CreateWriter(new SinkContext(0, 1, "a", TimeProvider.System)))
        {
            using var batch = TestBatches.Of(Schema, full, nulls);
            writer.Write(batch);
            writer.PrepareCommit(1);
        }

        // PostgreSQL's own rendering of what was written.
        using (var connection = new Npgsql.NpgsqlConnection(_server.ConnectionString(_db)))
        {
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand("SET TIME ZONE 'UTC'; SELECT b::text, t8::text, i16::text, i64::text, f32::text, f64::text, dec::text, " +
                "big::text, c::text, s, encode(bin, 'hex'), d::text, tm::text, ts::text, ltz::text, arr::text, words::text FROM all_types WHERE k = 1", connection);
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            var text = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
            Assert.Equal(["true", "-7", "300", "9000000000", "1.5", "-2.25", "123456789.125", "12345678901234567890.12345", "ab", "héllo ✓", "0001ff",
                "2024-02-29", "13:45:06.789123", "2024-03-01 10:20:30.456789", "2024-03-01 10:20:30.456789+00", "{1,NULL,3}", "{x,\"y z\"}"], text);
        }

        Assert.Equal(["2"], _server.Query(_db, "SELECT k FROM all_types WHERE b IS NULL AND i64 IS NULL AND ltz IS NULL AND arr IS NULL"));

        var scan = ((PostgresTableSource)registry.CreateSource(TestTables.Context(Schema, options, "k"))).Scan;
        var output = new CollectingOutput();
        using (var reader = scan.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System)))
        {
            reader.AddSplits(scan.DiscoverSplits(1));
            while (reader.PollNext(output) != InputStatus.EndOfInput)
            {
            }
        }

        using var expected = TestBatches.Of(Schema, full, nulls);
        Assert.Equal(expected.ToRowStrings(), output.Rows);
    }

    [Fact]
    public void ReadingAMismatchedColumn_NamesTheColumnAndBothTypes()
    {
        _server.Execute(_db, "CREATE TABLE mismatch (k int, v text)");
        var schema = Schema.Of(new Field("k", DataTypes.Int()), new Field("v", DataTypes.Date()));
        var scan = ((PostgresTableSource)TestTables.Registry().CreateSource(TestTables.Context(schema, TestTables.PostgresOptions(_server, _db, "mismatch")))).Scan;
        using var reader = scan.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(scan.DiscoverSplits(1));
        var error = Assert.Throws<ConnectorException>(() => reader.PollNext(new CollectingOutput()));
        Assert.Contains("\"v\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("'text'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DATE", error.Message, StringComparison.Ordinal);
    }
}
