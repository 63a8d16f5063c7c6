using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Connectors.Postgres.Sink;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Testing;

namespace Sluice.Connectors.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SinkTests
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()),
        new Field("qty", DataTypes.Int()));

    private readonly PostgresServer _server;
    private readonly string _db;

    public SinkTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("sink");
    }

    private ISink<string> Sink(string table, string[] primaryKey, params (string, string)[] options)
    {
        var sink = TestTables.Registry().CreateSink(TestTables.Context(Schema, TestTables.PostgresOptions(_server, _db, table, options), primaryKey));
        return ((SinkHandle<string>)sink.Sink).Sink;
    }

    private static SinkContext Context(TimeProvider? time = null, string attempt = "a1") => new(0, 1, attempt, time ?? TimeProvider.System);

    private List<string> Rows(string table) => _server.Query(_db, $"SELECT * FROM {table} ORDER BY 1, 2, 3");

    [Fact]
    public void WithoutPrimaryKey_AppendsEveryRow()
    {
        _server.Execute(_db, "CREATE TABLE append_t (id bigint, name text, qty int)");
        var sink = Sink("append_t", []);
        using (var writer = sink.CreateWriter(Context()))
        {
            using var batch = TestBatches.Of(Schema, [1L, "a", 1], [1L, "a", 1], [2L, null, null]);
            writer.Write(batch);
            writer.PrepareCommit(1);
        }

        Assert.Equal(["1|a|1", "1|a|1", "2|NULL|NULL"], Rows("append_t"));
    }

    [Fact]
    public void WithPrimaryKey_UpsertsAndDeletes_DroppingUpdateBefore()
    {
        _server.Execute(_db, "CREATE TABLE upsert_t (id bigint PRIMARY KEY, name text, qty int); INSERT INTO upsert_t VALUES (9, 'old', 0), (8, 'keep', 8)");
        var sink = Sink("upsert_t", ["id"]);
        using var writer = sink.CreateWriter(Context());
        using (var batch = TestBatches.Of(Schema,
            (RowKind.Insert, [1L, "a", 1]), (RowKind.Insert, [2L, "b", 2]), (RowKind.UpdateBefore, [1L, "a", 1]),
            (RowKind.UpdateAfter, [1L, "a2", 10]), (RowKind.Delete, [9L, "old", 0]), (RowKind.Insert, [3L, "c", 3])))
        {
            writer.Write(batch);
        }

        writer.PrepareCommit(1);
        Assert.Equal(["1|a2|10", "2|b|2", "3|c|3", "8|keep|8"], Rows("upsert_t"));

        // The last change of a key within one buffer wins; a replay of the same changes is idempotent.
        using (var batch = TestBatches.Of(Schema, (RowKind.Delete, [2L, "b", 2]), (RowKind.Insert, [2L, "b3", 3]), (RowKind.Delete, [3L, "c", 3])))
        {
            writer.Write(batch);
            writer.PrepareCommit(2);
            writer.Write(batch);
            writer.PrepareCommit(3);
        }

        Assert.Equal(["1|a2|10", "2|b3|3", "8|keep|8"], Rows("upsert_t"));
    }

    [Fact]
    public void Buffer_FlushesAtMaxRowsAtTheIntervalAndAtTheBarrier()
    {
        _server.Execute(_db, "CREATE TABLE buffer_t (id bigint, name text, qty int)");
        var time = new ManualTimeProvider();
        var sink = Sink("buffer_t", [], ("sink.buffer-flush.max-rows", "3"), ("sink.buffer-flush.interval", "1 s"));
        using var writer = (PostgresSinkWriter)sink.CreateWriter(Context(time));

        using (var two = TestBatches.Of(Schema, [1L, "a", 1], [2L, "b", 2]))
        {
            writer.Write(two);
        }

        Assert.Empty(Rows("buffer_t"));
        using (var one = TestBatches.Of(Schema, [3L, "c", 3]))
        {
            writer.Write(one);
        }

        Assert.Equal(3, Rows("buffer_t").Count);

        // Interval: a buffered row older than the interval is flushed by the next write.
        using (var one = TestBatches.Of(Schema, [4L, "d", 4]))
        {
            writer.Write(one);
        }

        time.Advance(TimeSpan.FromMilliseconds(500));
        using (var one = TestBatches.Of(Schema, [5L, "e", 5]))
        {
            writer.Write(one);
        }

        Assert.Equal(3, Rows("buffer_t").Count);
        time.Advance(TimeSpan.FromMilliseconds(600));
        using (var one = TestBatches.Of(Schema, [6L, "f", 6]))
        {
            writer.Write(one);
        }

        Assert.Equal(6, Rows("buffer_t").Count);

        // Barrier: everything buffered is written.
        using (var one = TestBatches.Of(Schema, [7L, "g", 7]))
        {
            writer.Write(one);
        }

        Assert.Equal(1, writer.BufferedRows);
        Assert.Empty(writer.PrepareCommit(1));
        Assert.Equal(7, Rows("buffer_t").Count);
        Assert.Equal(0, writer.BufferedRows);
    }

    [Fact]
    public void ConstraintViolation_FailsWithoutRetry_NamingTheTable()
    {
        _server.Execute(_db, "CREATE TABLE strict_t (id bigint, name text NOT NULL, qty int CHECK (qty > 0))");
        var sink = Sink("strict_t", [], ("sink.max-retries", "5"));
        using var writer = sink.CreateWriter(Context());
        using var batch = TestBatches.Of(Schema, [1L, "a", 1], [2L, null, 2]);
        writer.Write(batch);
        var error = Assert.Throws<ConnectorException>(() => writer.PrepareCommit(1));
        Assert.Contains("\"strict_t\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("23502", error.Message, StringComparison.Ordinal);
        Assert.Equal(RetryHint.None, error.Retry);
        Assert.Empty(Rows("strict_t"));
    }

    [Fact]
    public void MissingColumnOrWrongType_IsReportedWithTheColumn()
    {
        _server.Execute(_db, "CREATE TABLE wrong_t (id bigint, name text, qty text)");
        var error = Assert.Throws<ConnectorException>(() => Sink("wrong_t", []).CreateWriter(Context()));
        Assert.Contains("\"qty\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("'text'", error.Message, StringComparison.Ordinal);

        _server.Execute(_db, "CREATE TABLE missing_t (id bigint, name text)");
        error = Assert.Throws<ConnectorException>(() => Sink("missing_t", []).CreateWriter(Context()));
        Assert.Contains("no column \"qty\"", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ConnectorException>(() => Sink("no_such_table", []).CreateWriter(Context()));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredKeyMustBeTheServersPrimaryKey()
    {
        _server.Execute(_db, "CREATE TABLE nokey_t (id bigint, name text, qty int)");
        var error = Assert.Throws<ConnectorException>(() => Sink("nokey_t", ["id"]).CreateWriter(Context()));
        Assert.Contains("PRIMARY KEY (id)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LostConnection_IsRetriedOnAFreshConnection_UnlessRetriesAreOff()
    {
        _server.Execute(_db, "CREATE TABLE retry_t (id bigint, name text, qty int)");
        using (var writer = Sink("retry_t", [], ("sink.max-retries", "2")).CreateWriter(Context()))
        {
            KillOtherSessions();
            using var batch = TestBatches.Of(Schema, [1L, "a", 1]);
            writer.Write(batch);
            writer.PrepareCommit(1);
        }

        Assert.Equal(["1|a|1"], Rows("retry_t"));

        using var noRetries = Sink("retry_t", [], ("sink.max-retries", "0")).CreateWriter(Context());
        KillOtherSessions();
        using var again = TestBatches.Of(Schema, [2L, "b", 2]);
        noRetries.Write(again);
        var error = Assert.Throws<ConnectorException>(() => noRetries.PrepareCommit(1));
        Assert.Equal(RetryHint.WithBackoff, error.Retry);
        Assert.Equal(["1|a|1"], Rows("retry_t"));
    }

    [Fact]
    public void TransientFailures_AreTellingApartFromPermanentOnes()
    {
        Assert.True(PostgresErrors.IsTransient(new Npgsql.PostgresException("x", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.SerializationFailure)));
        Assert.True(PostgresErrors.IsTransient(new Npgsql.PostgresException("x", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.DeadlockDetected)));
        Assert.True(PostgresErrors.IsTransient(new Npgsql.NpgsqlException("lost", new IOException("reset"))));
        Assert.False(PostgresErrors.IsTransient(new Npgsql.PostgresException("x", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.UniqueViolation)));
        Assert.False(PostgresErrors.IsTransient(new Npgsql.PostgresException("x", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.UndefinedColumn)));
    }

    private void KillOtherSessions() =>
        _server.Execute(_db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
}
