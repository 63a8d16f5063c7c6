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
        Assert.Equal([26L, 51L, 76L], splits.Skip(1).Select(s => s.Lower!.Value));

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
}
