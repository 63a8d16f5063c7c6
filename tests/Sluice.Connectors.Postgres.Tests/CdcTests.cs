using Npgsql.Replication;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Cdc;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>The postgres-cdc source against a real server: snapshot, streaming, hand-over, checkpoint and restore.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CdcTests
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()),
        new Field("price", DataTypes.Decimal(10, 2)), new Field("at", DataTypes.TimestampLtz(6)));

    private static int _slots;
    private readonly PostgresServer _server;
    private readonly string _db;
    private readonly string _slot;

    public CdcTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("cdc");
        _slot = $"test_slot_{Interlocked.Increment(ref _slots)}";
        // A prepared transaction left by a failed test elsewhere would keep a new slot from becoming consistent.
        foreach (var row in server.Query("postgres", "SELECT gid, database FROM pg_prepared_xacts"))
        {
            var parts = row.Split('|');
            server.Execute(parts[1], $"ROLLBACK PREPARED '{parts[0]}'");
        }

        server.Execute(_db, "CREATE TABLE products (id int PRIMARY KEY, name text, price numeric(10,2), at timestamptz); " +
            "ALTER TABLE products REPLICA IDENTITY FULL; " +
            "INSERT INTO products SELECT g, 'p' || g, g * 1.5, '2024-01-01 00:00:00+00'::timestamptz + g * interval '1 hour' FROM generate_series(1, 50) g");
    }

    private PostgresCdcSource Source(params (string Key, string Value)[] extra)
    {
        var options = TestTables.CdcOptions(_server, _db, "products", _slot, [("scan.snapshot.fetch.size", "10"), .. extra]);

        var table = TestTables.Registry().CreateSource(TestTables.Context(Schema, options));
        return (PostgresCdcSource)((SourceHandle<PostgresCdcSplit>)table.Source).Source;
    }

    private static ISourceReader<PostgresCdcSplit> Reader(PostgresCdcSource source, PostgresCdcSplit split)
    {
        var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits([split]);
        return reader;
    }

    private static void PollUntil(ISourceReader<PostgresCdcSplit> reader, CollectingOutput output, Func<bool> done, string what) =>
        Poll.Until(() =>
        {
            reader.PollNext(output);
            return done();
        }, what);

    /// <summary>The ids of the table's rows, ordered as text.</summary>
    private List<string> TableRows() =>
        [.. _server.Query(_db, "SELECT id FROM products").Order(StringComparer.Ordinal)];

    /// <summary>Applies a changelog to a multiset of rows (by their text); fails on a retraction of a missing row.</summary>
    private static List<string> Materialize(IEnumerable<string> changelog)
    {
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var change in changelog)
        {
            var payload = change[3..^1];
            if (change.StartsWith("+I", StringComparison.Ordinal) || change.StartsWith("+U", StringComparison.Ordinal))
            {
                rows[payload] = rows.GetValueOrDefault(payload) + 1;
            }
            else
            {
                Assert.True(rows.GetValueOrDefault(payload) > 0, $"retraction of a row that is not there: {change}");
                rows[payload]--;
            }
        }

        return [.. rows.Where(p => p.Value > 0).SelectMany(p => Enumerable.Repeat(p.Key, p.Value)).Order(StringComparer.Ordinal)];
    }

    private static string Id(string row) => row.Split(',')[0];

    [Fact]
    public void Snapshot_ThenLiveInsertsUpdatesAndDeletes()
    {
        var source = Source();
        var output = new CollectingOutput();
        using var reader = Reader(source, source.DiscoverSplits(1)[0]);
        Assert.Equal(InputStatus.MoreAvailable, reader.PollNext(output));
        Assert.Equal(50, output.Rows.Count);
        Assert.All(output.Rows, r => Assert.StartsWith("+I[", r, StringComparison.Ordinal));
        Assert.Contains("+I[7, p7, 10.50, 2024-01-01T07:00:00Z]", output.Rows);

        _server.Execute(_db, "INSERT INTO products VALUES (100, 'new', 1.25, '2024-06-01 12:00:00+02')");
        _server.Execute(_db, "BEGIN; UPDATE products SET name = 'seven', price = 7.77 WHERE id = 7; DELETE FROM products WHERE id = 8; COMMIT");
        PollUntil(reader, output, () => output.Rows.Count >= 54, "four changes");
        Assert.Equal(
        [
            "+I[100, new, 1.25, 2024-06-01T10:00:00Z]",
            "-U[7, p7, 10.50, 2024-01-01T07:00:00Z]",
            "+U[7, seven, 7.77, 2024-01-01T07:00:00Z]",
            "-D[8, p8, 12.00, 2024-01-01T08:00:00Z]",
        ], output.Rows.Skip(50));
    }

    [Fact]
    public void ChangesDuringTheSnapshot_AreNeitherLostNorDuplicated()
    {
        var source = Source();
        var output = new CollectingOutput
        {
            OnEmit = batch =>
            {
                if (batch == 1)
                {
                    // Committed while the snapshot is being read: after the slot's consistent point, so streamed, not snapshotted.
                    _server.Execute(_db, "INSERT INTO products VALUES (1000, 'during', 1, now())");
                    _server.Execute(_db, "UPDATE products SET name = 'changed' WHERE id IN (3, 45)");
                    _server.Execute(_db, "DELETE FROM products WHERE id IN (4, 46)");
                }
            },
        };
        using var reader = Reader(source, source.DiscoverSplits(1)[0]);
        reader.PollNext(output);
        Assert.Equal(50, output.Rows.Count);
        Assert.DoesNotContain(output.Rows, r => r.Contains("during", StringComparison.Ordinal) || r.Contains("changed", StringComparison.Ordinal));

        PollUntil(reader, output, () => output.Rows.Count >= 50 + 1 + 4 + 2, "the changes made during the snapshot");
        var final = Materialize(output.Rows);
        Assert.Equal(TableRows(), final.Select(Id).Order(StringComparer.Ordinal).ToList());
        Assert.Single(output.Rows, r => r.StartsWith("+I[1000,", StringComparison.Ordinal));
        Assert.Contains("+U[45, changed, 67.50, 2024-01-02T21:00:00Z]", output.Rows);
    }

    [Fact]
    public void Restore_ResumesFromTheCheckpointsPosition_AndTheSlotAdvancesOnlyOnCompletion()
    {
        var source = Source();
        var output = new CollectingOutput();
        PostgresCdcSplit checkpoint;
        using (var reader = Reader(source, source.DiscoverSplits(1)[0]))
        {
            reader.PollNext(output);
            _server.Execute(_db, "UPDATE products SET price = 0 WHERE id = 1");
            PollUntil(reader, output, () => output.Rows.Count == 52, "the update before the checkpoint");

            checkpoint = reader.SnapshotState(1).Single();
            Assert.True(checkpoint.Streaming);
            var slotBefore = ConfirmedLsn();
            Assert.NotEqual(checkpoint.Lsn, slotBefore);
            reader.NotifyCheckpointComplete(1);
            Poll.Until(() => ConfirmedLsn() == checkpoint.Lsn, "the slot's confirmed position to reach the checkpoint's");

            _server.Execute(_db, "DELETE FROM products WHERE id = 2");
            PollUntil(reader, output, () => output.Rows.Count == 53, "the delete after the checkpoint");
            // Crash: the delete was emitted, but no checkpoint recorded it.
        }

        var restored = RoundTrip(checkpoint);
        var after = new CollectingOutput();
        using (var reader = Reader(source, restored))
        {
            reader.PollNext(after);
            Assert.Empty(after.Rows);
            _server.Execute(_db, "INSERT INTO products VALUES (200, 'later', 2, '2024-01-01 00:00:00+00')");
            PollUntil(reader, after, () => after.Rows.Count >= 2, "the replayed delete and the new insert");
            Assert.Equal(["-D[2, p2, 3.00, 2024-01-01T02:00:00Z]", "+I[200, later, 2.00, 2024-01-01T00:00:00Z]"], after.Rows);
        }

        // Everything up to the checkpoint, then everything after it: the table exactly.
        Assert.Equal(TableRows(), Materialize(output.Rows.Take(52).Concat(after.Rows)).Select(Id).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void RestoringACheckpointOlderThanTheSlotsConfirmedPosition_FailsClearly()
    {
        var source = Source();
        var output = new CollectingOutput();
        PostgresCdcSplit older;
        using (var reader = Reader(source, source.DiscoverSplits(1)[0]))
        {
            reader.PollNext(output);
            older = reader.SnapshotState(1).Single();
            _server.Execute(_db, "UPDATE products SET price = 0 WHERE id = 1");
            PollUntil(reader, output, () => output.Rows.Count == 52, "the update");
            var newer = reader.SnapshotState(2).Single();
            reader.NotifyCheckpointComplete(2);
            Poll.Until(() => ConfirmedLsn() == newer.Lsn, "the slot to confirm checkpoint 2");
        }

        using var restored = Reader(source, older);
        var error = Assert.Throws<ConnectorException>(() => restored.PollNext(new CollectingOutput()));
        Assert.Contains("already confirmed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_WaitsForASlotStillHeldByTheFormerAttempt()
    {
        var source = Source();
        PostgresCdcSplit checkpoint;
        using (var reader = Reader(source, source.DiscoverSplits(1)[0]))
        {
            reader.PollNext(new CollectingOutput());
            checkpoint = reader.SnapshotState(1).Single();
        }

        // Another session streams from the slot, as the walsender of a crashed attempt would until it notices.
        var holder = new Npgsql.Replication.LogicalReplicationConnection(_server.ConnectionString(_db));
        await holder.Open();
        using var stop = new CancellationTokenSource();
        var held = Task.Run(async () =>
        {
            var slot = new Npgsql.Replication.PgOutput.PgOutputReplicationSlot(_slot);
            var options = new Npgsql.Replication.PgOutput.PgOutputReplicationOptions(_slot + "_publication", Npgsql.Replication.PgOutput.PgOutputProtocolVersion.V1);
            await foreach (var message in holder.StartReplication(slot, options, stop.Token))
            {
                _ = message;
            }
        });
        Poll.Until(() => _server.Query(_db, $"SELECT active FROM pg_replication_slots WHERE slot_name = '{_slot}'").Single() == "True", "the slot to be held");

        var output = new CollectingOutput();
        using var restored = Reader(source, RoundTrip(checkpoint));
        restored.PollNext(output);
        _server.Execute(_db, "INSERT INTO products VALUES (300, 'while held', 1, now())");
        restored.PollNext(output);
        Assert.Empty(output.Rows);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        await holder.DisposeAsync();
        PollUntil(restored, output, () => output.Rows.Count == 1, "the insert once the slot is free");
        Assert.StartsWith("+I[300, while held,", output.Rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ArrayColumns_AreSnapshottedAndStreamed()
    {
        _server.Execute(_db, "CREATE TABLE tagged (id int PRIMARY KEY, tags text[], nums int[]); ALTER TABLE tagged REPLICA IDENTITY FULL; " +
            "INSERT INTO tagged VALUES (1, ARRAY['a', 'b c'], ARRAY[1, NULL])");
        var schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("tags", DataTypes.Array(DataTypes.String())),
            new Field("nums", DataTypes.Array(DataTypes.Int())));
        var options = TestTables.CdcOptions(_server, _db, "tagged", _slot);
        var source = (PostgresCdcSource)((SourceHandle<PostgresCdcSplit>)TestTables.Registry().CreateSource(TestTables.Context(schema, options)).Source).Source;
        var output = new CollectingOutput();
        using var reader = Reader(source, source.DiscoverSplits(1)[0]);
        reader.PollNext(output);
        _server.Execute(_db, "UPDATE tagged SET tags = ARRAY['x\"y', NULL], nums = '{}' WHERE id = 1");
        PollUntil(reader, output, () => output.Rows.Count == 3, "the update");
        using var expected = TestBatches.Of(schema,
            (RowKind.Insert, [1, new object?[] { "a", "b c" }, new object?[] { 1, null }]),
            (RowKind.UpdateBefore, [1, new object?[] { "a", "b c" }, new object?[] { 1, null }]),
            (RowKind.UpdateAfter, [1, new object?[] { "x\"y", null }, Array.Empty<object?>()]));
        Assert.Equal(expected.ToRowStrings(), output.Rows);
    }

    [Fact]
    public void LatestOffset_StreamsOnlyNewChanges()
    {
        var source = Source(("scan.startup.mode", "latest-offset"));
        var output = new CollectingOutput();
        using var reader = Reader(source, source.DiscoverSplits(1)[0]);
        reader.PollNext(output);
        Assert.Empty(output.Rows);
        _server.Execute(_db, "UPDATE products SET name = 'x' WHERE id = 10");
        PollUntil(reader, output, () => output.Rows.Count == 2, "the update");
        Assert.StartsWith("-U[10, p10,", output.Rows[0], StringComparison.Ordinal);
        Assert.StartsWith("+U[10, x,", output.Rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutReplicaIdentityFull_TheErrorSaysWhatToRun()
    {
        _server.Execute(_db, "ALTER TABLE products REPLICA IDENTITY DEFAULT");
        var source = Source();
        using var reader = Reader(source, source.DiscoverSplits(1)[0]);
        var error = Assert.Throws<ConnectorException>(() => reader.PollNext(new CollectingOutput()));
        Assert.Contains("ALTER TABLE \"public\".\"products\" REPLICA IDENTITY FULL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherSubtasks_HaveNoSplitAndEnd()
    {
        var source = Source();
        Assert.Single(source.DiscoverSplits(4));
        using var idle = source.CreateReader(new SourceReaderContext(1, 4, TimeProvider.System));
        Assert.Equal(InputStatus.EndOfInput, idle.PollNext(new CollectingOutput()));
    }

    private ulong ConfirmedLsn()
    {
        var text = _server.Query(_db, $"SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '{_slot}'").Single();
        return (ulong)NpgsqlTypes.NpgsqlLogSequenceNumber.Parse(text);
    }

    private static PostgresCdcSplit RoundTrip(PostgresCdcSplit split)
    {
        var writer = new BinaryBufferWriter();
        PostgresCdcSplit.Serializer.Serialize(split, writer);
        return PostgresCdcSplit.Serializer.Deserialize(new BinaryBufferReader(writer.ToArray()));
    }
}
