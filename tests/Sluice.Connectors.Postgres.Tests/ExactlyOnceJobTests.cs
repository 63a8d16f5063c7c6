using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Time;
using Sluice.Core.Types;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;
using Sluice.Testing.Faults;
using Xunit.Abstractions;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>
/// Whole jobs (datagen → postgres sink, parallelism 2) with failures injected into the sink's writers and around its
/// commits: the committed table must hold every generated row exactly once — by prepared transactions for a table
/// without a key (at-least-once would duplicate rows here: the flushes between barriers are replayed), by idempotent
/// upserts for a table with one.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ExactlyOnceJobTests
{
    private const int Rows = 3000;
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    private readonly PostgresServer _server;
    private readonly string _db;

    private readonly ITestOutputHelper _output;

    public ExactlyOnceJobTests(PostgresServer server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        _db = server.CreateDatabase("eojob");
    }

    [Theory]
    [InlineData("exactly-once", "")]
    [InlineData("at-least-once", "id")]
    public async Task FailuresInWritesAndCommits_LeaveEveryRowExactlyOnce(string guarantee, string primaryKey)
    {
        var table = "job_" + guarantee.Replace("-", "_", StringComparison.Ordinal) + primaryKey;
        _server.Execute(_db, primaryKey.Length > 0
            ? $"CREATE TABLE {table} (id bigint PRIMARY KEY, name text)"
            : $"CREATE TABLE {table} (id bigint, name text)");
        var registry = TestTables.Registry();
        var source = registry.CreateSource(TestTables.Context(Schema, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "datagen",
            ["rows-per-second"] = "2000",
            ["number-of-rows"] = Rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["fields.id.kind"] = "sequence",
            ["fields.id.start"] = "1",
            ["fields.id.end"] = Rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["fields.name.length"] = "5",
        }));
        var sinkOptions = TestTables.PostgresOptions(_server, _db, table, ("sink.delivery-guarantee", guarantee),
            ("sink.buffer-flush.max-rows", "10"), ("sink.transaction-id-prefix", "job-" + table));
        var keys = primaryKey.Length > 0 ? new[] { primaryKey } : [];
        var pgSink = ((SinkHandle<string>)registry.CreateSink(TestTables.Context(Schema, sinkOptions, keys)).Sink).Sink;

        var writeFailures = new FailureInjector(seed: 7, maxFailures: 2).Arm(FailingWriterSink.WritePoint, 0.05);
        var commitFailures = new FailureInjector(seed: 8, maxFailures: 2)
            .Arm(FaultInjectingSink<string>.CommitBeforePoint, 0.1)
            .Arm(FaultInjectingSink<string>.CommitAfterPoint, 0.1);
        var sink = new FaultInjectingSink<string>(new FailingWriterSink(pgSink, writeFailures), commitFailures, spareAfterEndOfInput: true);

        var graph = new JobGraph("postgres-eo");
        var src = graph.AddSource("source", "datagen", 2, source.Source.Accept(new SourceFactory()));
        var output = graph.AddOperator("sink", "postgres", 2, () => new SinkOperator<string>(sink));
        graph.Connect(src, output, PartitionerKind.Forward);
        var config = new JobConfig
        {
            CheckpointInterval = TimeSpan.FromMilliseconds(100),
            RestartStrategy = RestartStrategy.FixedDelay(10, TimeSpan.Zero),
        };

        var result = await LocalExecutor.RunAsync(graph, config).WaitAsync(TimeSpan.FromMinutes(2));
        var context = $"status {result.Status}, {result.Restarts} restart(s), injected {writeFailures.TotalInjected} write + {commitFailures.TotalInjected} commit failure(s)";
        _output.WriteLine(context + $", {_server.Query(_db, $"SELECT count(*) FROM {table}")[0]} row(s)");
        Assert.True(result.Status == JobStatus.Finished, $"{context}: {result.Failure}");
        Assert.True(writeFailures.TotalInjected + commitFailures.TotalInjected > 0, $"no failure was injected: {context}");
        Assert.True(result.Restarts >= 1, context);

        var counts = _server.Query(_db, $"SELECT count(*), count(DISTINCT id), min(id), max(id) FROM {table}");
        Assert.Equal([$"{Rows}|{Rows}|1|{Rows}"], counts);
        Assert.Empty(_server.Query(_db, $"SELECT gid FROM pg_prepared_xacts WHERE gid LIKE 'job-{table}:%'"));
    }

    private sealed class SourceFactory : ISourceVisitor<Func<StreamOperator>>
    {
        public Func<StreamOperator> Visit<TSplit>(ISource<TSplit> source)
            where TSplit : ISourceSplit => () => new SourceOperator<TSplit>(source, WatermarkStrategy.None);
    }
}
