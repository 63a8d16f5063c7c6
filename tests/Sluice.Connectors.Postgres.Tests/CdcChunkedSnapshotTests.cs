using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Cdc;
using Sluice.Connectors.Postgres.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Tests;

/// <summary>
/// postgres-cdc reads its initial snapshot in chunks by primary key across polls; checkpoints in the middle of it and
/// restores after crashes there lose and duplicate nothing, even with changes everywhere in between.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CdcChunkedSnapshotTests
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()));

    private static int _slots;
    private readonly PostgresServer _server;
    private readonly string _db;
    private readonly string _slot;

    public CdcChunkedSnapshotTests(PostgresServer server)
    {
        _server = server;
        _db = server.CreateDatabase("cdc_chunks");
        _slot = $"chunk_slot_{Interlocked.Increment(ref _slots)}";
        server.Execute(_db, "CREATE TABLE items (id int PRIMARY KEY, name text); ALTER TABLE items REPLICA IDENTITY FULL; " +
            "INSERT INTO items SELECT g, 'v' || g FROM generate_series(1, 50) g");
    }

    private PostgresCdcSource Source(string table = "items", Schema? schema = null, string? chunkKey = null)
    {
        var options = TestTables.CdcOptions(_server, _db, table, _slot, ("scan.snapshot.fetch.size", "4"),
            ("scan.incremental.snapshot.chunk.size", "10"));
        if (chunkKey is not null)
        {
            options["scan.incremental.snapshot.chunk.key-column"] = chunkKey;
        }

        var handle = TestTables.Registry().CreateSource(TestTables.Context(schema ?? Schema, options));
        return (PostgresCdcSource)((SourceHandle<PostgresCdcSplit>)handle.Source).Source;
    }

    private static ISourceReader<PostgresCdcSplit> Reader(PostgresCdcSource source, PostgresCdcSplit split)
    {
        var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits([RoundTrip(split)]);
        return reader;
    }

    private static PostgresCdcSplit RoundTrip(PostgresCdcSplit split)
    {
        using var writer = new BinaryBufferWriter();
        PostgresCdcSplit.Serializer.Serialize(split, writer);
        return PostgresCdcSplit.Serializer.Deserialize(new BinaryBufferReader(writer.ToArray()));
    }

    /// <summary>The table's rows as the changelog shows them (<c>1, v1</c>), ordered.</summary>
    private List<string> TableRows(string table = "items") =>
        [.. _server.Query(_db, $"SELECT id, name FROM {table}").Select(r => r.Replace("|", ", ", StringComparison.Ordinal).Replace("NULL", "null", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>Applies a changelog to a set of rows; fails on a retraction of a row that is not there or a row inserted twice.</summary>
    private static List<string> Materialize(IEnumerable<string> changelog)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changelog)
        {
            var payload = change[3..^1];
            if (change.StartsWith("+I", StringComparison.Ordinal) || change.StartsWith("+U", StringComparison.Ordinal))
            {
                Assert.True(rows.Add(payload), $"a row inserted twice: {change}");
            }
            else
            {
                Assert.True(rows.Remove(payload), $"retraction of a row that is not there: {change}");
            }
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Snapshot_IsReadOneChunkPerPoll_AndACheckpointInBetweenRecordsTheRangeRead()
    {
        var source = Source();
        var output = new CollectingOutput();
        using var reader = Reader(source, source.DiscoverSplits(1)[0]);

        reader.PollNext(output);
        Assert.Equal(10, output.Rows.Count);
        var middle = RoundTrip(reader.SnapshotState(1).Single());
        Assert.False(middle.Streaming);
        Assert.True(middle.InSnapshot);
        Assert.Equal(10L, Convert.ToInt64(Assert.Single(Assert.Single(middle.Chunks).UpperKey!), System.Globalization.CultureInfo.InvariantCulture));

        reader.PollNext(output);
        Assert.Equal(20, output.Rows.Count);
        Poll.Until(() =>
        {
            reader.PollNext(output);
            return reader.SnapshotState(2).Single().Streaming;
        }, "the end of the snapshot");

        Assert.Equal(TableRows(), Materialize(output.Rows));
        _server.Execute(_db, "UPDATE items SET name = 'after' WHERE id = 3");
        Poll.Until(() =>
        {
            reader.PollNext(output);
            return output.Rows.Count == 52;
        }, "the update after the snapshot");
        Assert.Equal(["-U[3, v3]", "+U[3, after]"], output.Rows[50..]);
    }

    [Fact]
    public void CrashesInTheMiddleOfTheSnapshotAndAtItsEnd_WithChangesEverywhere_LoseAndDuplicateNothing()
    {
        var source = Source();
        var kept = new List<string>();

        // Attempt 1: two chunks (keys 1..20), a checkpoint, one more chunk that the crash loses.
        PostgresCdcSplit checkpoint;
        using (var reader = Reader(source, source.DiscoverSplits(1)[0]))
        {
            var output = new CollectingOutput();
            reader.PollNext(output);
            reader.PollNext(output);
            checkpoint = reader.SnapshotState(1).Single();
            kept.AddRange(output.Rows);
            reader.PollNext(output);
        }

        Assert.True(checkpoint.InSnapshot);
        Assert.Equal(20, kept.Count);

        // Changes after the slot's consistent point, in the part read (keys <= 20) and in the part still to read.
        _server.Execute(_db, "UPDATE items SET name = 'read part' WHERE id = 5");
        _server.Execute(_db, "INSERT INTO items VALUES (0, 'new in read part')");
        _server.Execute(_db, "UPDATE items SET name = 'unread part' WHERE id = 30");
        _server.Execute(_db, "DELETE FROM items WHERE id = 40");
        _server.Execute(_db, "INSERT INTO items VALUES (1000, 'new in unread part')");
        _server.Execute(_db, "BEGIN; UPDATE items SET id = 2000 WHERE id = 7; UPDATE items SET id = -1 WHERE id = 35; COMMIT");

        // Attempt 2: resumes the snapshot in a new one; a checkpoint after one more chunk; the crash loses what follows.
        using (var reader = Reader(source, checkpoint))
        {
            var output = new CollectingOutput();
            reader.PollNext(output);
            checkpoint = reader.SnapshotState(2).Single();
            kept.AddRange(output.Rows);
            reader.PollNext(output);
        }

        Assert.True(checkpoint.InSnapshot);
        Assert.Equal(2, checkpoint.Chunks.Count);
        _server.Execute(_db, "UPDATE items SET name = 'second read part' WHERE id = 25");
        _server.Execute(_db, "UPDATE items SET name = 'second unread part' WHERE id = 45");
        _server.Execute(_db, "DELETE FROM items WHERE id = 2");

        // Attempt 3: finishes the snapshot in a third one; a checkpoint as streaming starts still holds the chunks.
        using (var reader = Reader(source, checkpoint))
        {
            var output = new CollectingOutput();
            Poll.Until(() =>
            {
                reader.PollNext(output);
                return !reader.SnapshotState(3).Single().InSnapshot;
            }, "the end of the snapshot");
            checkpoint = reader.SnapshotState(4).Single();
            kept.AddRange(output.Rows);
            reader.PollNext(output);
        }

        Assert.True(checkpoint.Streaming);
        Assert.Equal(3, checkpoint.Chunks.Count);

        // Attempt 4: streams from the first slot's consistent point, skipping what the chunks show; a later change arrives too.
        using (var reader = Reader(source, checkpoint))
        {
            var output = new CollectingOutput();
            reader.PollNext(output);
            _server.Execute(_db, "UPDATE items SET name = 'live' WHERE id = 48");
            Poll.Until(() =>
            {
                reader.PollNext(output);
                return output.Rows.Contains("+U[48, live]");
            }, "the change after the restore");
            kept.AddRange(output.Rows);
        }

        Assert.Equal(TableRows(), Materialize(kept));
        Assert.Contains("-D[7, v7]", kept); // the before-image was read, the after-image is in a later snapshot
        Assert.DoesNotContain(kept, r => r.StartsWith("-U[30,", StringComparison.Ordinal)); // shown by the later snapshot
    }

    [Fact]
    public void TextKeys_AreChunkedInByteOrder_AndResumeAfterACrash()
    {
        _server.Execute(_db, "CREATE TABLE words (name text PRIMARY KEY, id int); ALTER TABLE words REPLICA IDENTITY FULL; " +
            "INSERT INTO words SELECT w, g FROM unnest(ARRAY['b', 'B', 'a', 'ä', 'Z', 'zz', 'é', '日本', 'a b', 'ab', 'A', 'c', '0', '~']) WITH ORDINALITY AS t(w, g)");
        var schema = Schema.Of(new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()));
        var source = Source("words", schema);
        var kept = new List<string>();
        PostgresCdcSplit checkpoint;
        using (var reader = Reader(source, source.DiscoverSplits(1)[0]))
        {
            var output = new CollectingOutput();
            reader.PollNext(output);
            checkpoint = reader.SnapshotState(1).Single();
            kept.AddRange(output.Rows);
        }

        _server.Execute(_db, "UPDATE words SET id = 100 WHERE name IN ('日本', 'a')");
        using (var reader = Reader(source, checkpoint))
        {
            var output = new CollectingOutput();
            Poll.Until(() =>
            {
                reader.PollNext(output);
                return output.Rows.Contains("+U[100, a]") && reader.SnapshotState(2).Single().Streaming;
            }, "the rest of the snapshot and the update in the read part");
            kept.AddRange(output.Rows);
        }

        Assert.Equal(TableRows("words"), Materialize(kept));
    }

    /// <summary>
    /// A table without a primary key is chunked by 'scan.incremental.snapshot.chunk.key-column', a column whose values repeat
    /// (and may be NULL): a chunk never splits the rows of one value, and crashes in the middle of the snapshot, with changes
    /// that move rows between the read and the unread part, lose and duplicate nothing.
    /// </summary>
    [Fact]
    public void ChunkKeyColumn_WithRepeatedValuesAndNulls_ChunksATableWithoutPrimaryKey_AndResumesAfterCrashes()
    {
        _server.Execute(_db, "CREATE TABLE bag (id int, name text); ALTER TABLE bag REPLICA IDENTITY FULL; " +
            "INSERT INTO bag SELECT g / 4, 'v' || g FROM generate_series(1, 50) g; INSERT INTO bag VALUES (NULL, 'n1'), (NULL, 'n2')");
        var source = Source("bag", chunkKey: "id");
        var kept = new List<string>();

        // Attempt 1: the first chunk ends at the value of its 10th row (2) and takes every row of it, and the NULLs.
        PostgresCdcSplit checkpoint;
        using (var reader = Reader(source, source.DiscoverSplits(1)[0]))
        {
            var output = new CollectingOutput();
            reader.PollNext(output);
            Assert.Equal(_server.Scalar<long>(_db, "SELECT count(*) FROM bag WHERE id <= 2 OR id IS NULL"), output.Rows.Count);
            reader.PollNext(output);
            checkpoint = reader.SnapshotState(1).Single();
            kept.AddRange(output.Rows);
            reader.PollNext(output);
        }

        Assert.True(checkpoint.InSnapshot);
        var readUpTo = Convert.ToInt32(Assert.Single(checkpoint.Chunks[^1].UpperKey!), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(_server.Scalar<long>(_db, $"SELECT count(*) FROM bag WHERE id <= {readUpTo} OR id IS NULL"), kept.Count); // whole values only

        // Changes that move rows between the read part and the unread part, remove one of equal values, and touch NULL keys.
        _server.Execute(_db, "UPDATE bag SET id = 11 WHERE name = 'v1'");
        _server.Execute(_db, "UPDATE bag SET id = 1 WHERE name = 'v45'");
        _server.Execute(_db, "DELETE FROM bag WHERE name IN ('v9', 'v41')");
        _server.Execute(_db, "UPDATE bag SET name = 'n1 changed' WHERE name = 'n1'");
        _server.Execute(_db, "INSERT INTO bag VALUES (NULL, 'n3'), (7, 'v7 again'), (0, 'zero')");

        // Attempt 2: finishes the snapshot in a new one and streams; a checkpoint once streaming.
        using (var reader = Reader(source, checkpoint))
        {
            var output = new CollectingOutput();
            Poll.Until(() =>
            {
                reader.PollNext(output);
                return reader.SnapshotState(2).Single().Streaming;
            }, "the end of the snapshot");
            checkpoint = reader.SnapshotState(3).Single();
            kept.AddRange(output.Rows);
            reader.PollNext(output);
        }

        _server.Execute(_db, "UPDATE bag SET id = NULL WHERE name = 'v20'");

        // Attempt 3: streams from the checkpoint, skipping what the chunks show.
        using (var reader = Reader(source, checkpoint))
        {
            var output = new CollectingOutput();
            Poll.Until(() =>
            {
                reader.PollNext(output);
                return output.Rows.Contains("+U[null, v20]");
            }, "the change after the restore");
            kept.AddRange(output.Rows);
        }

        Assert.Equal(TableRows("bag"), Materialize(kept));
    }

    [Fact]
    public void RestoreInTheMiddleOfTheSnapshot_WithAnotherChunkKey_FailsNamingBoth()
    {
        PostgresCdcSplit checkpoint;
        var source = Source();
        using (var reader = Reader(source, source.DiscoverSplits(1)[0]))
        {
            reader.PollNext(new CollectingOutput());
            checkpoint = reader.SnapshotState(1).Single();
        }

        Assert.Equal(["id"], checkpoint.ChunkKeyColumns);
        var changed = Source(chunkKey: "name");
        using var restored = Reader(changed, checkpoint);
        var error = Assert.Throws<Sluice.Core.Errors.ConnectorException>(() => restored.PollNext(new CollectingOutput()));
        Assert.Contains("(id)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(name)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChunkKeyColumn_ThatIsNotAColumn_FailsNamingTheOption()
    {
        var error = Assert.Throws<TableOptionException>(() => Source("bag", chunkKey: "nope"));
        Assert.Equal("scan.incremental.snapshot.chunk.key-column", error.OptionKey);
    }
}
