using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Cdc;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Time;
using Sluice.Core.Types;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;
using Sluice.Testing.Faults;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>
/// A running job postgres-cdc → (row kind as a column) → exactly-once postgres sink, with failures injected into the
/// sink's writes and commits while the source table changes: the sink table must hold the changelog exactly once,
/// across the restores of the CDC position and the sink's prepared transactions.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CdcJobTests
{
    private static readonly Schema Source = Schema.Of(new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()));
    private static readonly Schema Changelog = Schema.Of(new Field("kind", DataTypes.String()), new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()));

    private readonly PostgresServer _server;
    private readonly string _db;

    public CdcJobTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("cdcjob");
    }

    [Fact]
    public async Task Changelog_ArrivesExactlyOnce_ThroughFailuresAndRestores()
    {
        _server.Execute(_db, "CREATE TABLE items (id int PRIMARY KEY, name text); ALTER TABLE items REPLICA IDENTITY FULL; " +
            "INSERT INTO items SELECT g, 'v0' FROM generate_series(1, 20) g; CREATE TABLE changes (kind text, id int, name text)");
        var registry = TestTables.Registry();
        var cdc = registry.CreateSource(TestTables.Context(Source, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "postgres-cdc",
            ["hostname"] = "127.0.0.1",
            ["port"] = _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["username"] = "postgres",
            ["password"] = "x",
            ["database-name"] = _db,
            ["table-name"] = "items",
            ["slot.name"] = "cdc_job_slot",
        }));
        var cdcSource = ((SourceHandle<PostgresCdcSplit>)cdc.Source).Source;
        var sinkOptions = TestTables.PostgresOptions(_server, _db, "changes", ("sink.delivery-guarantee", "exactly-once"),
            ("sink.buffer-flush.max-rows", "5"), ("sink.transaction-id-prefix", "cdcjob"));
        var pgSink = ((SinkHandle<string>)registry.CreateSink(TestTables.Context(Changelog, sinkOptions)).Sink).Sink;
        var writeFailures = new FailureInjector(seed: 3, maxFailures: 2).Arm(FailingWriterSink.WritePoint, 0.15);
        var commitFailures = new FailureInjector(seed: 4, maxFailures: 2)
            .Arm(FaultInjectingSink<string>.CommitBeforePoint, 0.15)
            .Arm(FaultInjectingSink<string>.CommitAfterPoint, 0.15);
        var sink = new FaultInjectingSink<string>(new FailingWriterSink(pgSink, writeFailures), commitFailures);

        var graph = new JobGraph("cdc-eo");
        var src = graph.AddSource("cdc", "postgres-cdc", 1, () => new SourceOperator<PostgresCdcSplit>(cdcSource, WatermarkStrategy.None));
        var tag = graph.AddOperator("tag", "row kind as a column", 1, () => new KindAsColumn());
        var output = graph.AddOperator("sink", "postgres", 1, () => new SinkOperator<string>(sink));
        graph.Connect(src, tag, PartitionerKind.Forward);
        graph.Connect(tag, output, PartitionerKind.Forward);
        var config = new JobConfig { CheckpointInterval = TimeSpan.FromMilliseconds(100), RestartStrategy = RestartStrategy.FixedDelay(20, TimeSpan.Zero) };

        var expected = Enumerable.Range(1, 20).Select(i => $"+I|{i}|v0").ToList();
        await using (var client = LocalExecutor.Start(graph, config))
        {
            Poll.Until(() => Count() >= 20, "the snapshot in the sink table", 60);
            for (var step = 1; step <= 30; step++)
            {
                var id = step % 20 + 1;
                if (step % 7 == 0)
                {
                    _server.Execute(_db, $"DELETE FROM items WHERE id = {id}");
                    expected.Add($"-D|{id}|{Current(expected, id)}");
                    _server.Execute(_db, $"INSERT INTO items VALUES ({id}, 'r{step}')");
                    expected.Add($"+I|{id}|r{step}");
                }
                else
                {
                    _server.Execute(_db, $"UPDATE items SET name = 'v{step}' WHERE id = {id}");
                    expected.Add($"-U|{id}|{Current(expected, id)}");
                    expected.Add($"+U|{id}|v{step}");
                }
            }

            Poll.Until(() => Count() >= expected.Count, $"{expected.Count} changelog rows in the sink table", 90);
            var result = await client.CancelAsync();
            Assert.True(result.Restarts >= 1, $"no restart; injected {writeFailures.TotalInjected} + {commitFailures.TotalInjected}");
        }

        var actual = _server.Query(_db, "SELECT kind, id, name FROM changes");
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        foreach (var gid in _server.Query(_db, "SELECT gid FROM pg_prepared_xacts WHERE gid LIKE 'cdcjob:%'"))
        {
            _server.Execute(_db, $"ROLLBACK PREPARED '{gid}'");
        }
    }

    private int Count() => (int)_server.Scalar<long>(_db, "SELECT count(*) FROM changes");

    /// <summary>The name the changelog so far gives <paramref name="id"/>.</summary>
    private static string Current(List<string> changelog, int id) =>
        changelog.Last(c => c.Split('|')[1] == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && c[0] == '+').Split('|')[2];

    /// <summary>Turns a changelog batch into inserts with the row kind as the first column.</summary>
    private sealed class KindAsColumn : StreamOperator
    {
        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            using var input = (RecordBatch)batch;
            var builder = new RecordBatchBuilder(Changelog, Math.Max(1, input.RowCount));
            for (var r = 0; r < input.RowCount; r++)
            {
                var row = input.PhysicalRow(r);
                builder.AppendRow(input.GetRowKind(row).ToShortString(), input.Column(0).GetValue(row), input.Column(1).GetValue(row));
            }

            output.Collect(builder.Build());
            builder.Dispose();
        }
    }
}
