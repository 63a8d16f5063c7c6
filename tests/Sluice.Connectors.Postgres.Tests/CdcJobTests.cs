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
        var cdc = registry.CreateSource(TestTables.Context(Source, TestTables.CdcOptions(_server, _db, "items", "cdc_job_slot")));
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

    [Fact]
    public async Task ChunkedSnapshot_WithChangesAndFailuresDuringIt_MaterializesToTheTableExactlyOnce()
    {
        _server.Execute(_db, "CREATE TABLE big (id int PRIMARY KEY, name text); ALTER TABLE big REPLICA IDENTITY FULL; " +
            "INSERT INTO big SELECT g, 'v0' FROM generate_series(1, 3000) g; CREATE TABLE big_changes (kind text, id int, name text)");
        var registry = TestTables.Registry();
        var cdc = registry.CreateSource(TestTables.Context(Source, TestTables.CdcOptions(_server, _db, "big", "cdc_chunk_job_slot",
            ("scan.incremental.snapshot.chunk.size", "25"), ("scan.snapshot.fetch.size", "25"))));
        var cdcSource = new SplitRecordingSource<PostgresCdcSplit>(((SourceHandle<PostgresCdcSplit>)cdc.Source).Source);
        var sinkOptions = TestTables.PostgresOptions(_server, _db, "big_changes", ("sink.delivery-guarantee", "exactly-once"),
            ("sink.buffer-flush.max-rows", "200"), ("sink.transaction-id-prefix", "cdcchunk"));
        var pgSink = ((SinkHandle<string>)registry.CreateSink(TestTables.Context(Changelog, sinkOptions)).Sink).Sink;
        var writeFailures = new FailureInjector(seed: 11, maxFailures: 4).Arm(FailingWriterSink.WritePoint, 0.05);
        var sink = new FailingWriterSink(pgSink, writeFailures);

        var graph = new JobGraph("cdc-chunks");
        var src = graph.AddSource("cdc", "postgres-cdc", 1, () => new SourceOperator<PostgresCdcSplit>(cdcSource, WatermarkStrategy.None));
        var tag = graph.AddOperator("tag", "row kind as a column", 1, () => new KindAsColumn());
        var output = graph.AddOperator("sink", "postgres", 1, () => new SinkOperator<string>(sink));
        graph.Connect(src, tag, PartitionerKind.Forward);
        graph.Connect(tag, output, PartitionerKind.Forward);
        var config = new JobConfig { CheckpointInterval = TimeSpan.FromMilliseconds(20), RestartStrategy = RestartStrategy.FixedDelay(20, TimeSpan.Zero) };

        await using (var client = LocalExecutor.Start(graph, config))
        {
            // Changes all over the key range while the snapshot is read, restored and read again.
            for (var step = 1; step <= 60; step++)
            {
                var id = step * 997 % 3000 + 1;
                _server.Execute(_db, step % 5 == 0
                    ? $"DELETE FROM big WHERE id = {id}; INSERT INTO big VALUES ({3000 + step}, 'n{step}')"
                    : $"UPDATE big SET name = 'v{step}' WHERE id = {id}");
            }

            // The sink table's changelog catches up with the table (or the comparison below shows what is missing).
            var table = _server.Query(_db, "SELECT id, name FROM big").Order(StringComparer.Ordinal).ToList();
            try
            {
                Poll.Until(() => Materialized().Rows.SequenceEqual(table), "the sink table's changelog to materialize to the table", 120);
            }
            catch (TimeoutException)
            {
                // Reported by the assertions below.
            }

            var result = await client.CancelAsync();
            Assert.True(result.Restarts >= 1, $"no restart; injected {writeFailures.TotalInjected}");
        }

        Assert.Contains(cdcSource.Assigned, s => s.InSnapshot); // at least one restore resumed in the middle of the snapshot
        var (rows, counts) = Materialized();
        Assert.All(counts, p => Assert.True(p.Value is 0 or 1, $"row {p.Key} counted {p.Value} times"));
        Assert.Equal(_server.Query(_db, "SELECT id, name FROM big").Order(StringComparer.Ordinal), rows);
    }

    /// <summary>
    /// The changelog in the sink table summed up per row (+1 for +I/+U, -1 for -U/-D): the rows counted once, and every count.
    /// </summary>
    private (List<string> Rows, Dictionary<string, int> Counts) Materialized()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var change in _server.Query(_db, "SELECT kind, id, name FROM big_changes"))
        {
            var parts = change.Split('|', 2);
            counts[parts[1]] = counts.GetValueOrDefault(parts[1]) + (parts[0] is "+I" or "+U" ? 1 : -1);
        }

        return ([.. counts.Where(p => p.Value == 1).Select(p => p.Key).Order(StringComparer.Ordinal)], counts);
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
