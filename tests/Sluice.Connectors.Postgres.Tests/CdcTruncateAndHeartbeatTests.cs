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
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "postgres-cdc",
            ["hostname"] = "127.0.0.1",
            ["port"] = _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["username"] = "postgres",
            ["password"] = "unused",
            ["database-name"] = _db,
            ["table-name"] = "orders",
            ["slot.name"] = _slot,
        };
        foreach (var (key, value) in extra)
        {
            options[key] = value;
        }

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
}
