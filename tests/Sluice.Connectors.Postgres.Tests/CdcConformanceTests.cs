using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Testing.Conformance;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>
/// The unbounded source conformance kit on <c>postgres-cdc</c>: a table's initial snapshot read in small chunks (so
/// snapshots and restores fall in the middle of it), then its (empty) change stream.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CdcConformanceTests : UnboundedSourceConformanceTests<ISourceSplit>, IDisposable
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()));

    private static int _slots;
    private readonly PostgresServer _server;
    private readonly string _db;
    private readonly string _slot;

    public CdcConformanceTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("conf_cdc");
        _slot = $"conf_cdc_slot_{Interlocked.Increment(ref _slots)}";
        server.Execute(_db, "CREATE TABLE items (id int PRIMARY KEY, name text); ALTER TABLE items REPLICA IDENTITY FULL; " +
            "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 45) g; INSERT INTO items VALUES (100, NULL);");
        ExpectedRows = [.. server.Query(_db, "SELECT id, name FROM items")
            .Select(r => "+I[" + r.Replace("|", ", ", StringComparison.Ordinal).Replace("NULL", "null", StringComparison.Ordinal) + "]")];
    }

    protected override IReadOnlyList<string> ExpectedRows { get; }

    protected override ISource<ISourceSplit> CreateSource() => ErasedSource.Of(TestTables.Registry().CreateSource(Context()));

    [Theory]
    [InlineData("truncate.handling", "skip")]
    [InlineData("heartbeat.interval", "often")]
    [InlineData("heartbeat.interval", "-1 s")]
    [InlineData("scan.incremental.snapshot.chunk.size", "0")]
    [InlineData("scan.snapshot.fetch.size", "many")]
    [InlineData("slot.name", "Bad-Slot")]
    public void BadOption_IsRejectedNamingTheOption(string option, string value) =>
        OptionConformance.RejectsBadSourceOption(TestTables.Registry(), Context(), option, value);

    private Sluice.Connectors.Abstractions.Table.TableContext Context() => TestTables.Context(Schema,
        TestTables.CdcOptions(_server, _db, "items", _slot, ("scan.snapshot.fetch.size", "4"), ("scan.incremental.snapshot.chunk.size", "8")));

    public void Dispose() =>
        _server.Execute("postgres", $"SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '{_slot}' AND NOT active");
}
