using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Cdc;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Testing;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>postgres-cdc and TRUNCATE (fail naming the table, or skip when told), and heartbeats that move an idle slot on.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CdcTruncateAndHeartbeatTests
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()));

    private static int _slots;
    private readonly PostgresServer _server;
    private readonly string _db;
    private readonly string _slot;

    public CdcTruncateAndHeartbeatTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("cdc_truncate");
        _slot = $"truncate_slot_{Interlocked.Increment(ref _slots)}";
        server.Execute(_db, "CREATE TABLE orders (id int PRIMARY KEY, name text); ALTER TABLE orders REPLICA IDENTITY FULL; " +
            "INSERT INTO orders SELECT g, 'o' || g FROM generate_series(1, 5) g; CREATE TABLE other (id int)");
    }

    private PostgresCdcSource Source(params (string Key, string Value)[] extra)
    {
        var options = TestTables.CdcOptions(_server, _db, "orders", _slot, extra);

        var handle = TestTables.Registry().CreateSource(TestTables.Context(Schema, options));
        return (PostgresCdcSource)((SourceHandle<PostgresCdcSplit>)handle.Source).Source;
    }

    private static ISourceReader<PostgresCdcSplit> Reader(PostgresCdcSource source, TimeProvider? time = null)
    {
        var reader = source.CreateReader(new SourceReaderContext(0, 1, time ?? TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        return reader;
    }

    private ulong ConfirmedLsn()
    {
        var text = _server.Query(_db, $"SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '{_slot}'").Single();
        return (ulong)NpgsqlTypes.NpgsqlLogSequenceNumber.Parse(text);
    }

    [Fact]
    public void Truncate_FailsTheJob_NamingTheTableAndTheOption()
    {
        var source = Source();
        var output = new CollectingOutput();
        using var reader = Reader(source);
        reader.PollNext(output);
        Assert.Equal(5, output.Rows.Count);

        _server.Execute(_db, "INSERT INTO orders VALUES (6, 'before')");
        _server.Execute(_db, "TRUNCATE orders");
        ConnectorException? error = null;
        Poll.Until(() =>
        {
            try
            {
                reader.PollNext(output);
                return false;
            }
            catch (ConnectorException ex)
            {
                error = ex;
                return true;
            }
        }, "the TRUNCATE to fail the reader");

        Assert.Contains("\"public\".\"orders\" was truncated", error!.Message, StringComparison.Ordinal);
        Assert.Contains("'truncate.handling' = 'ignore'", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Equal("+I[6, before]", output.Rows[^1]); // the changes before it were emitted
    }

    [Fact]
    public void Truncate_WithIgnore_IsSkipped_AndLaterChangesArrive()
    {
        var source = Source(("truncate.handling", "ignore"));
        var output = new CollectingOutput();
        using var reader = Reader(source);
        reader.PollNext(output);

        _server.Execute(_db, "TRUNCATE orders");
        _server.Execute(_db, "INSERT INTO orders VALUES (7, 'after')");
        Poll.Until(() =>
        {
            reader.PollNext(output);
            return output.Rows.Count == 6;
        }, "the insert after the TRUNCATE");

        Assert.Equal("+I[7, after]", output.Rows[^1]);
    }

    [Fact]
    public void Heartbeat_OnAnIdleTable_MovesThePositionAndTheSlotOn_WithoutRows()
    {
        var clock = new ManualTimeProvider();
        var source = Source(("heartbeat.interval", "1 min"));
        var output = new CollectingOutput();
        using var reader = Reader(source, clock);
        reader.PollNext(output);
        reader.PollNext(output);
        var start = reader.SnapshotState(1).Single().Lsn;

        // Other tables change (the server's WAL grows), ours does not: without heartbeats the position would stay.
        _server.Execute(_db, "INSERT INTO other SELECT generate_series(1, 1000)");
        clock.Advance(TimeSpan.FromMinutes(1));
        var checkpoint = 1L;
        ulong position = 0;
        Poll.Until(() =>
        {
            reader.PollNext(output);
            position = reader.SnapshotState(++checkpoint).Single().Lsn;
            return position > start;
        }, "the heartbeat's commit");
        reader.NotifyCheckpointComplete(checkpoint);

        Poll.Until(() => ConfirmedLsn() == position, "the slot to confirm the heartbeat's position");
        Assert.Equal(5, output.Rows.Count);
    }

    /// <summary>
    /// The documented privileges of a CDC user ("What the server needs"): a role with LOGIN and REPLICATION, SELECT on the
    /// table, and a publication created beforehand by the table's owner; heartbeats then need nothing more.
    /// </summary>
    [Fact]
    public void Heartbeat_AsANonSuperuserWithTheDocumentedPrivileges_MovesThePositionOn()
    {
        var role = "cdc_user_" + _slot;
        _server.Execute(_db, $"CREATE ROLE {role} LOGIN REPLICATION; GRANT SELECT ON orders TO {role}; " +
            $"CREATE PUBLICATION {_slot}_pub FOR TABLE orders");
        Assert.False(_server.Scalar<bool>(_db, $"SELECT rolsuper FROM pg_roles WHERE rolname = '{role}'"));
        // pg_logical_emit_message is executable by PUBLIC (no grant needed) unless an administrator revoked it.
        Assert.True(_server.Scalar<bool>(_db, $"SELECT bool_and(has_function_privilege('{role}', oid, 'EXECUTE')) FROM pg_proc WHERE proname = 'pg_logical_emit_message'"));
        var clock = new ManualTimeProvider();
        var source = Source(("heartbeat.interval", "1 min"), ("username", role), ("debezium.publication.name", _slot + "_pub"));
        var output = new CollectingOutput();
        using var reader = Reader(source, clock);
        reader.PollNext(output);
        reader.PollNext(output);
        Assert.Equal(5, output.Rows.Count);
        var start = reader.SnapshotState(1).Single().Lsn;

        _server.Execute(_db, "INSERT INTO other SELECT generate_series(1, 1000)");
        clock.Advance(TimeSpan.FromMinutes(1));
        var checkpoint = 1L;
        Poll.Until(() =>
        {
            reader.PollNext(output);
            return reader.SnapshotState(++checkpoint).Single().Lsn > start;
        }, "the heartbeat's commit");

        _server.Execute(_db, "UPDATE orders SET name = 'changed' WHERE id = 1");
        Poll.Until(() =>
        {
            reader.PollNext(output);
            return output.Rows.Count == 7;
        }, "the change after the heartbeat");
        Assert.Equal(["-U[1, o1]", "+U[1, changed]"], output.Rows[5..]);
    }

    /// <summary>
    /// Where an administrator revoked pg_logical_emit_message from PUBLIC, a heartbeat fails naming the GRANT to run and the
    /// option that turns heartbeats off; after the documented GRANT it works.
    /// </summary>
    [Fact]
    public void Heartbeat_WhenTheFunctionIsRevoked_FailsNamingTheGrant_AndWorksAfterIt()
    {
        var role = "cdc_revoked_" + _slot;
        _server.Execute(_db, $"CREATE ROLE {role} LOGIN REPLICATION; GRANT SELECT ON orders TO {role}; " +
            $"CREATE PUBLICATION {_slot}_pub FOR TABLE orders; " +
            "DO $$ DECLARE f regprocedure; BEGIN FOR f IN SELECT oid::regprocedure FROM pg_proc WHERE proname = 'pg_logical_emit_message' " +
            "LOOP EXECUTE 'REVOKE EXECUTE ON FUNCTION ' || f || ' FROM PUBLIC'; END LOOP; END $$");
        var clock = new ManualTimeProvider();
        var source = Source(("heartbeat.interval", "1 min"), ("username", role), ("debezium.publication.name", _slot + "_pub"));
        var output = new CollectingOutput();
        ConnectorException error;
        using (var reader = Reader(source, clock))
        {
            reader.PollNext(output);
            reader.PollNext(output);
            clock.Advance(TimeSpan.FromMinutes(1));
            error = Assert.Throws<ConnectorException>(() =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    reader.PollNext(output);
                }
            });
        }

        Assert.Contains("GRANT EXECUTE ON FUNCTION pg_logical_emit_message(boolean, text, text", error.Message, StringComparison.Ordinal);
        Assert.Contains("'heartbeat.interval' = '0'", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorDomain.User, error.Domain);

        // The GRANT the message names (with the server's signature) is enough.
        var grant = error.Message[error.Message.IndexOf("GRANT", StringComparison.Ordinal)..(error.Message.IndexOf(';', error.Message.IndexOf("GRANT", StringComparison.Ordinal)))];
        _server.Execute(_db, grant);
        var restarted = Source(("heartbeat.interval", "1 min"), ("username", role), ("debezium.publication.name", _slot + "_pub"),
            ("scan.startup.mode", "latest-offset"));
        using var again = Reader(restarted, clock);
        again.PollNext(output);
        var start = again.SnapshotState(1).Single().Lsn;
        clock.Advance(TimeSpan.FromMinutes(1));
        var checkpoint = 1L;
        Poll.Until(() =>
        {
            again.PollNext(output);
            return again.SnapshotState(++checkpoint).Single().Lsn > start;
        }, "the heartbeat's commit after the GRANT");
    }
}
