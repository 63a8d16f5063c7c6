using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Postgres.Scan;
using Sluice.Connectors.Postgres.Table;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ScanTests
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("part", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    private readonly PostgresServer _server;
    private readonly string _db;

    public ScanTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("scan");
        // 200 rows; partition values 1..100 twice, plus rows outside the bounds and with a NULL partition value.
        server.Execute(_db, "CREATE TABLE items (id int PRIMARY KEY, part bigint, name text); " +
            "INSERT INTO items SELECT g, 1 + (g % 100), 'item ' || g FROM generate_series(1, 200) g; " +
            "INSERT INTO items VALUES (201, -50, 'below'), (202, 1000, 'above'), (203, NULL, 'null part');" +
            "CREATE TABLE unkeyed (id int, part bigint, name text); INSERT INTO unkeyed SELECT * FROM items;");
    }

    private PostgresScanSource Source(string table, string[] primaryKey, params (string, string)[] options) =>
        ((PostgresTableSource)TestTables.Registry().CreateSource(
            TestTables.Context(Schema, TestTables.PostgresOptions(_server, _db, table, options), primaryKey))).Scan;

    private List<string> Expected(string table) =>
        [.. _server.Query(_db, $"SELECT id, part, name FROM {table}").Select(r => "+I[" + r.Replace("|", ", ", StringComparison.Ordinal).Replace("NULL", "null", StringComparison.Ordinal) + "]").Order(StringComparer.Ordinal)];

    private static List<string> ReadAll(ISource<PostgresScanSplit> source, IReadOnlyList<PostgresScanSplit> splits, CollectingOutput? output = null)
    {
        output ??= new CollectingOutput();
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(splits);
        while (reader.PollNext(output) != InputStatus.EndOfInput)
        {
        }

        return output.Rows;
    }

    [Fact]
    public void PartitionedScan_ReadsEveryRowOnce_IncludingOutOfRangeAndNullValues()
    {
        var source = Source("items", ["id"], ("scan.partition.column", "part"), ("scan.partition.num", "4"),
            ("scan.partition.lower-bound", "1"), ("scan.partition.upper-bound", "100"), ("scan.fetch-size", "7"));
        var splits = source.DiscoverSplits(2);
        Assert.Equal(4, splits.Count);
        Assert.Null(splits[0].Lower);
        Assert.Null(splits[3].Upper);
        Assert.Equal([26L, 51L, 76L], splits.Skip(1).Select(s => (long)s.Lower!));

        // Two readers, as with parallelism 2.
        var rows = ReadAll(source, [splits[0], splits[2]]).Concat(ReadAll(source, [splits[1], splits[3]])).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Expected("items"), rows);
    }

    [Theory]
    [InlineData("items", "id")]
    [InlineData("unkeyed", "")]
    public void RestoreMidSplit_ResumesWithoutLossOrDuplicates(string table, string key)
    {
        var source = Source(table, key.Length > 0 ? [key] : [], ("scan.fetch-size", "10"));
        var splits = source.DiscoverSplits(1);
        var before = new CollectingOutput();
        IReadOnlyList<PostgresScanSplit> snapshot;
        using (var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System)))
        {
            reader.AddSplits(splits);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(InputStatus.MoreAvailable, reader.PollNext(before));
            }

            snapshot = reader.SnapshotState(1);
            // Read on after the checkpoint; these rows are lost with the crash.
            reader.PollNext(new CollectingOutput());
        }

        Assert.Equal(30, before.Rows.Count);
        var serializer = source.SplitSerializer;
        var restored = snapshot.Select(s =>
        {
            var writer = new Core.Serialization.BinaryBufferWriter();
            serializer.Serialize(s, writer);
            return serializer.Deserialize(new Core.Serialization.BinaryBufferReader(writer.WrittenSpan.ToArray()));
        }).ToList();
        Assert.NotNull(restored[0].LastKey);

        var after = ReadAll(source, restored);
        var all = before.Rows.Concat(after).ToList();
        Assert.True(all.Count == Expected(table).Count && all.Distinct().Count() == all.Count,
            $"{all.Count} rows, {all.Distinct().Count()} distinct; missing {string.Join(";", Expected(table).Except(all))}; key {restored[0].LastKey![0]}; before {string.Join(";", before.Rows)}");
        Assert.Equal(Expected(table), before.Rows.Concat(after).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Partition columns of every kind Flink allows (numeric, date, timestamp), with bounds as literals or as epoch
    /// milliseconds: the splits of two readers together read every row once, including values outside the bounds, on the
    /// cuts, and NULL.
    /// </summary>
    [Theory]
    [InlineData("amount", "DECIMAL(10, 2)", "0", "100", 4, 4)]
    [InlineData("ratio", "DOUBLE", "0.0", "1.0", 3, 3)]
    [InlineData("day", "DATE", "2024-01-01", "2024-01-10", 4, 4)]
    [InlineData("day", "DATE", "1704067200000", "1704067200000", 4, 1)]
    [InlineData("at", "TIMESTAMP(6)", "2024-01-01 00:00:00", "2024-01-01T10:00:00", 5, 5)]
    [InlineData("at_ltz", "TIMESTAMP_LTZ(6)", "1704067200000", "1704103200000", 2, 2)]
    public void PartitionedScan_OnNumericDateAndTimestampColumns_ReadsEveryRowOnce(string column, string type, string lower, string upper, int num, int splitCount)
    {
        _server.Execute(_db, "CREATE TABLE typed (id int PRIMARY KEY, amount numeric(10, 2), ratio float8, day date, at timestamp, at_ltz timestamptz); " +
            "INSERT INTO typed SELECT g, g * 1.25 - 10, g / 40.0, DATE '2023-12-30' + g / 3, TIMESTAMP '2023-12-31 22:00:00' + g * INTERVAL '7 minutes 30.5 seconds', " +
            "TIMESTAMPTZ '2023-12-31 22:00:00+00' + g * INTERVAL '7 minutes 30.5 seconds' FROM generate_series(1, 120) g; " +
            "INSERT INTO typed VALUES (1000, NULL, NULL, NULL, NULL, NULL), (1001, 25, 0.5, '2024-01-04', '2024-01-01 02:00:00', '2024-01-01 02:00:00+00')");
        var schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("amount", DataTypes.Decimal(10, 2)), new Field("ratio", DataTypes.Double()),
            new Field("day", DataTypes.Date()), new Field("at", DataTypes.Timestamp(6)), new Field("at_ltz", DataTypes.TimestampLtz(6)));
        Assert.Equal(type, schema.Find(column)!.DataType.ToString());
        var source = ((PostgresTableSource)TestTables.Registry().CreateSource(TestTables.Context(schema, TestTables.PostgresOptions(_server, _db, "typed",
            ("scan.partition.column", column), ("scan.partition.num", num.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("scan.partition.lower-bound", lower), ("scan.partition.upper-bound", upper), ("scan.fetch-size", "11")), "id"))).Scan;

        var splits = source.DiscoverSplits(2);

        Assert.Equal(splitCount, splits.Count);
        var serializer = source.SplitSerializer;
        var restored = splits.Select(s =>
        {
            var writer = new Core.Serialization.BinaryBufferWriter();
            serializer.Serialize(s, writer);
            return serializer.Deserialize(new Core.Serialization.BinaryBufferReader(writer.WrittenSpan.ToArray()));
        }).ToList();
        var perReader = new[] { ReadAll(source, [.. restored.Where(s => s.Index % 2 == 0)]), ReadAll(source, [.. restored.Where(s => s.Index % 2 == 1)]) };
        var ids = perReader.SelectMany(rows => rows).Select(r => r[3..r.IndexOf(',', StringComparison.Ordinal)]).ToList();
        Assert.Equal(122, ids.Count);
        Assert.Equal(122, ids.Distinct().Count());
        if (splitCount > 1)
        {
            Assert.All(perReader, rows => Assert.NotEmpty(rows)); // the rows are really spread over the splits
        }
    }

    [Fact]
    public void Version1Split_WithInclusiveIntegerBounds_IsReadAsTheSameRange()
    {
        var writer = new Core.Serialization.BinaryBufferWriter();
        writer.WriteByte(1);
        writer.WriteVarInt64(1);
        writer.WriteVarInt64(4);
        writer.WriteBoolean(true);
        writer.WriteVarInt64(26);
        writer.WriteBoolean(true);
        writer.WriteVarInt64(50);
        writer.WriteVarInt64(-1);

        var split = PostgresScanSplit.Serializer.Deserialize(new Core.Serialization.BinaryBufferReader(writer.WrittenSpan.ToArray()));

        Assert.Equal(26L, split.Lower);
        Assert.Equal(51L, split.Upper); // exclusive now
        Assert.Null(split.LastKey);
        var source = Source("items", ["id"], ("scan.partition.column", "part"), ("scan.partition.num", "4"),
            ("scan.partition.lower-bound", "1"), ("scan.partition.upper-bound", "100"));
        Assert.Equal(_server.Scalar<long>(_db, "SELECT count(*) FROM items WHERE part BETWEEN 26 AND 50"), ReadAll(source, [split]).Count);
    }
}
