using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>The two-phase commit of the sink with prepared transactions, including the crash windows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExactlyOnceTests
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    private readonly PostgresServer _server;
    private readonly string _db;

    public ExactlyOnceTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("eo");
    }

    private ISink<string> Sink(string table, params string[] primaryKey)
    {
        var options = TestTables.PostgresOptions(_server, _db, table, ("sink.delivery-guarantee", "exactly-once"),
            ("sink.transaction-id-prefix", "test-" + table), ("sink.buffer-flush.max-rows", "2"));
        return ((SinkHandle<string>)TestTables.Registry().CreateSink(TestTables.Context(Schema, options, primaryKey)).Sink).Sink;
    }

    private static SinkContext Context(string attempt) => new(0, 1, attempt, TimeProvider.System);

    private static void Write(ISinkWriter<string> writer, params long[] ids)
    {
        using var batch = TestBatches.Of(Schema, ids.Select(id => new object?[] { id, "n" + id }).ToArray());
        writer.Write(batch);
    }

    private List<string> Ids(string table) => _server.Query(_db, $"SELECT id FROM {table} ORDER BY id");

    private List<string> Prepared(string table) =>
        _server.Query(_db, $"SELECT gid FROM pg_prepared_xacts WHERE gid LIKE 'test-{table}:%' ORDER BY gid");

    [Fact]
    public void PreparedWrites_AreInvisibleUntilCommitted_AndCommitIsIdempotent()
    {
        _server.Execute(_db, "CREATE TABLE eo_basic (id bigint, name text)");
        var sink = Sink("eo_basic");
        using var writer = sink.CreateWriter(Context("a1"));
        var committer = sink.CreateCommitter(Context("a1"));
        Write(writer, 1, 2, 3);

        // Flushed (max-rows 2) into the open transaction, but not visible.
        Assert.Empty(Ids("eo_basic"));
        var committables = writer.PrepareCommit(1);
        Assert.Equal(["test-eo_basic:0:a1:1"], committables);
        Assert.Empty(Ids("eo_basic"));
        Assert.Single(Prepared("eo_basic"));

        committer.Commit(committables);
        Assert.Equal(["1", "2", "3"], Ids("eo_basic"));
        committer.Commit(committables);
        Assert.Equal(["1", "2", "3"], Ids("eo_basic"));
        Assert.Empty(Prepared("eo_basic"));

        // Nothing written: no transaction, no committable.
        Assert.Empty(writer.PrepareCommit(2));
    }

    [Fact]
    public void CrashAfterPreCommit_RestoredCommitterCommitsOnce_AndTheOpenTransactionIsLost()
    {
        _server.Execute(_db, "CREATE TABLE eo_crash (id bigint, name text)");
        var sink = Sink("eo_crash");
        IReadOnlyList<string> restored;
        using (var writer = sink.CreateWriter(Context("a1")))
        {
            Write(writer, 1, 2);
            restored = writer.PrepareCommit(1);
            Write(writer, 3, 4, 5);
            // The process dies here: checkpoint 1 completed, but its commit never ran; 3..5 are in an open transaction.
        }

        Assert.Empty(Ids("eo_crash"));
        var committer = sink.CreateCommitter(Context("a2"));
        committer.Commit(restored);
        committer.AbortLeftovers("a2");
        Assert.Equal(["1", "2"], Ids("eo_crash"));

        // A second restore from the same checkpoint commits nothing twice.
        var again = sink.CreateCommitter(Context("a3"));
        again.Commit(restored);
        again.AbortLeftovers("a3");
        Assert.Equal(["1", "2"], Ids("eo_crash"));
        Assert.Empty(Prepared("eo_crash"));
    }

    [Fact]
    public void LingeringPreparedTransactionsOfEarlierAttempts_AreRolledBack()
    {
        _server.Execute(_db, "CREATE TABLE eo_linger (id bigint, name text)");
        var sink = Sink("eo_linger");
        IReadOnlyList<string> first;
        using (var writer = sink.CreateWriter(Context("a1")))
        {
            Write(writer, 1);
            first = writer.PrepareCommit(1);
            Write(writer, 2);
            // Prepared for checkpoint 2, which never completed.
            writer.PrepareCommit(2);
        }

        Assert.Equal(2, Prepared("eo_linger").Count);

        // A prepared transaction of the current attempt is left alone.
        using var current = sink.CreateWriter(Context("a2"));
        Write(current, 7);
        var mine = current.PrepareCommit(5);

        var committer = sink.CreateCommitter(Context("a2"));
        committer.Commit(first);
        committer.AbortLeftovers("a2");
        Assert.Equal(["1"], Ids("eo_linger"));
        Assert.Equal(mine, Prepared("eo_linger"));

        committer.Commit(mine);
        Assert.Equal(["1", "7"], Ids("eo_linger"));
    }

    [Fact]
    public void Upsert_OfAKeyStillLockedByThePreviousPreparedTransaction_WaitsForItsCommit()
    {
        _server.Execute(_db, "CREATE TABLE eo_upsert (id bigint PRIMARY KEY, name text)");
        var sink = Sink("eo_upsert", "id");
        using var writer = sink.CreateWriter(Context("a1"));
        var committer = sink.CreateCommitter(Context("a1"));
        using (var batch = TestBatches.Of(Schema, (RowKind.Insert, [1L, "v1"])))
        {
            writer.Write(batch);
        }

        var first = writer.PrepareCommit(1);

        // Key 1 is locked by the prepared transaction: the writer keeps buffering instead of blocking the task.
        using (var batch = TestBatches.Of(Schema, (RowKind.UpdateAfter, [1L, "v2"]), (RowKind.Insert, [2L, "w"])))
        {
            writer.Write(batch);
        }

        committer.Commit(first);
        Assert.Equal(["1|v1"], _server.Query(_db, "SELECT id, name FROM eo_upsert ORDER BY id"));
        var second = writer.PrepareCommit(2);
        committer.Commit(second);
        Assert.Equal(["1|v2", "2|w"], _server.Query(_db, "SELECT id, name FROM eo_upsert ORDER BY id"));
    }

    [Fact]
    public void LostConnectionInTheOpenTransaction_FailsInsteadOfWritingOutsideIt()
    {
        _server.Execute(_db, "CREATE TABLE eo_lost (id bigint, name text)");
        var sink = Sink("eo_lost");
        using var writer = sink.CreateWriter(Context("a1"));
        Write(writer, 1, 2);
        _server.Execute(_db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        var error = Assert.Throws<Core.Errors.ConnectorException>(() =>
        {
            Write(writer, 3, 4);
            writer.PrepareCommit(1);
        });
        Assert.Equal(Core.Errors.RetryHint.WithBackoff, error.Retry);
        Assert.Empty(Ids("eo_lost"));
        Assert.Empty(Prepared("eo_lost"));
    }

    [Fact]
    public void WithoutPreparedTransactions_TheErrorNamesTheSetting()
    {
        using var plain = new PostgresServer(maxPreparedTransactions: 0);
        var db = plain.CreateDatabase("noprep");
        plain.Execute(db, "CREATE TABLE t (id bigint, name text)");
        var options = TestTables.PostgresOptions(plain, db, "t", ("sink.delivery-guarantee", "exactly-once"));
        var sink = ((SinkHandle<string>)TestTables.Registry().CreateSink(TestTables.Context(Schema, options)).Sink).Sink;
        var error = Assert.Throws<Core.Errors.ConnectorException>(() => sink.CreateWriter(Context("a1")));
        Assert.Contains("max_prepared_transactions", error.Message, StringComparison.Ordinal);

        // At-least-once needs no prepared transactions.
        options["sink.delivery-guarantee"] = "at-least-once";
        sink = ((SinkHandle<string>)TestTables.Registry().CreateSink(TestTables.Context(Schema, options)).Sink).Sink;
        using var writer = sink.CreateWriter(Context("a1"));
        Write(writer, 1);
        writer.PrepareCommit(1);
        Assert.Equal(["1"], plain.Query(db, "SELECT id FROM t"));
    }
}
