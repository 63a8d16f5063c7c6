using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Testing.Conformance;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>The connector conformance kit on the <c>postgres</c> scan source (partitioned, small fetches).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresScanConformanceTests : SourceConformanceTests<ISourceSplit>
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("part", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    private readonly PostgresServer _server;
    private readonly string _db;

    public PostgresScanConformanceTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("conf_scan");
        server.Execute(_db, "CREATE TABLE items (id int PRIMARY KEY, part bigint, name text); " +
            "INSERT INTO items SELECT g, g % 37, 'item ' || g FROM generate_series(1, 120) g; INSERT INTO items VALUES (500, NULL, NULL);");
        ExpectedRows = [.. server.Query(_db, "SELECT id, part, name FROM items")
            .Select(r => "+I[" + r.Replace("|", ", ", StringComparison.Ordinal).Replace("NULL", "null", StringComparison.Ordinal) + "]")];
    }

    protected override IReadOnlyList<string> ExpectedRows { get; }

    protected override ISource<ISourceSplit> CreateSource() => ErasedSource.Of(TestTables.Registry().CreateSource(TestTables.Context(Schema,
        TestTables.PostgresOptions(_server, _db, "items", ("scan.partition.column", "part"), ("scan.partition.num", "3"),
            ("scan.partition.lower-bound", "0"), ("scan.partition.upper-bound", "36"), ("scan.fetch-size", "9")), "id")));
}

/// <summary>The sink and option parts of the connector conformance kit for <c>postgres</c> / <c>jdbc</c>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSinkConformanceTests
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.BigInt().NotNull()), new Field("name", DataTypes.String()));

    private readonly PostgresServer _server;
    private readonly string _db;

    public PostgresSinkConformanceTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("conf_sink");
    }

    private static object?[][] Rows => [.. Enumerable.Range(1, 12).Select(i => new object?[] { (long)i, "name " + i })];

    [Theory]
    [InlineData("exactly-once", false)]
    [InlineData("exactly-once", true)]
    [InlineData("at-least-once", true)]
    public void Sink_SurvivesCrashesInTheTwoPhaseCommit(string guarantee, bool upsert)
    {
        var table = $"t_{guarantee.Replace("-", "_", StringComparison.Ordinal)}_{(upsert ? "upsert" : "append")}";
        _server.Execute(_db, $"CREATE TABLE {table} (id bigint {(upsert ? "PRIMARY KEY" : string.Empty)}, name text)");
        var context = TestTables.Context(Schema, TestTables.PostgresOptions(_server, _db, table, ("sink.delivery-guarantee", guarantee)), upsert ? ["id"] : []);
        var sink = TestTables.Registry().CreateSink(context);

        SinkConformance.SurvivesCrashes(sink, Rows,
            () => _server.Query(_db, $"SELECT id, name FROM {table}").Select(r => "[" + r.Replace("|", ", ", StringComparison.Ordinal) + "]").ToList(),
            guarantee == "exactly-once" ? SinkGuarantee.ExactlyOnce : SinkGuarantee.AtLeastOnce);
    }

    [Theory]
    [InlineData("sink.delivery-guarantee", "twice")]
    [InlineData("sink.buffer-flush.max-rows", "many")]
    [InlineData("url", "jdbc:mysql://localhost/db")]
    public void Sink_BadOption_IsRejectedNamingTheOption(string option, string value) =>
        OptionConformance.RejectsBadSinkOption(TestTables.Registry(), TestTables.Context(Schema, TestTables.PostgresOptions(_server, _db, "t")), option, value);

    [Theory]
    [InlineData("scan.partition.num", "some")]
    [InlineData("lookup.cache.ttl", "forever-ish")]
    public void Source_BadOption_IsRejectedNamingTheOption(string option, string value) =>
        OptionConformance.RejectsBadSourceOption(TestTables.Registry(), TestTables.Context(Schema, TestTables.PostgresOptions(_server, _db, "t")), option, value);
}
