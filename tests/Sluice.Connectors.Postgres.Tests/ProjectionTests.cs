using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Cdc;
using Sluice.Connectors.Postgres.Table;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>
/// Projection pushdown (<see cref="TableContext.Reads"/>): the scan and the CDC snapshot select, and the CDC stream
/// decodes, only the columns the job reads (and the keys they need); the others stay NULL. A column that is not read may
/// hold a value that does not fit its declared type, and reading still works.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProjectionTests
{
    /// <summary>"big" is declared DECIMAL(10, 2), but the table holds a value of 31 digits in it.</summary>
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()),
        new Field("big", DataTypes.Decimal(10, 2)));

    private readonly PostgresServer _server;
    private readonly string _db;

    public ProjectionTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("projection");
        server.Execute(_db, "CREATE TABLE items (id int PRIMARY KEY, name text, big numeric); ALTER TABLE items REPLICA IDENTITY FULL; " +
            "INSERT INTO items SELECT g, 'n' || g, CASE WHEN g = 3 THEN 1e30 ELSE g END FROM generate_series(1, 25) g");
    }

    private static ColumnReads Reads(params int[] columns) =>
        new(Schema.Count, [.. Enumerable.Range(0, Schema.Count).Select(columns.Contains)], [.. Enumerable.Range(0, Schema.Count).Select(_ => (IReadOnlySet<int>?)null)]);

    private List<string> Scan(ColumnReads? reads)
    {
        var context = TestTables.Context(Schema, TestTables.PostgresOptions(_server, _db, "items", ("scan.fetch-size", "10")), "id") with { Reads = reads };
        var scan = ((PostgresTableSource)TestTables.Registry().CreateSource(context)).Scan;
        var output = new CollectingOutput();
        using var reader = scan.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(scan.DiscoverSplits(1));
        while (reader.PollNext(output) != InputStatus.EndOfInput)
        {
        }

        return output.Rows;
    }

    [Fact]
    public void Scan_SelectsOnlyTheReadColumnsAndTheKey_AndLeavesTheOthersNull()
    {
        // Only "name" is read: the key (the scan's position) is selected too, "big" is not.
        var rows = Scan(Reads(1));

        Assert.Equal(25, rows.Count);
        Assert.Equal([.. Enumerable.Range(1, 25).Select(i => $"+I[{i}, n{i}, null]")], rows);
        var error = Assert.Throws<ConnectorException>(() => Scan(Reads(1, 2)));
        Assert.Contains("column \"big\"", error.Message, StringComparison.Ordinal);
        Assert.Throws<ConnectorException>(() => Scan(null));
    }

    [Fact]
    public void Cdc_SnapshotAndStream_DecodeOnlyTheReadColumnsAndTheChunkKey()
    {
        var options = TestTables.CdcOptions(_server, _db, "items", "projection_slot", ("scan.incremental.snapshot.chunk.size", "10"));
        var context = TestTables.Context(Schema, options) with { Reads = Reads(1) };
        var source = (PostgresCdcSource)((SourceHandle<PostgresCdcSplit>)TestTables.Registry().CreateSource(context).Source).Source;
        var output = new CollectingOutput();
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        Poll.Until(() =>
        {
            reader.PollNext(output);
            return reader.SnapshotState(1).Single().Streaming;
        }, "the end of the snapshot");

        Assert.Equal([.. Enumerable.Range(1, 25).Select(i => $"+I[{i}, n{i}, null]")], output.Rows);
        _server.Execute(_db, "INSERT INTO items VALUES (26, 'n26', 1e35); UPDATE items SET name = 'changed' WHERE id = 3");
        Poll.Until(() =>
        {
            reader.PollNext(output);
            return output.Rows.Count == 28;
        }, "the streamed changes");

        Assert.Equal(["+I[26, n26, null]", "-U[3, n3, null]", "+U[3, changed, null]"], output.Rows[25..]);
    }
}
