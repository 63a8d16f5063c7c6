using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Files.Formats;
using Sluice.Connectors.Files.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Xunit;

namespace Sluice.Connectors.Files.Tests.Sink;

[Trait("Category", "Integration")]
public sealed class TransactionalFileSinkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-files-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void PrepareCommit_BeforeCommit_NothingIsVisible()
    {
        var sink = CreateSink();
        using var writer = sink.CreateWriter(Context("a1"));

        Write(writer, "x", "y");
        Assert.Empty(VisibleFiles());
        Assert.Single(HiddenFiles(), f => f.EndsWith(".inprogress", StringComparison.Ordinal));

        var committables = writer.PrepareCommit(1);

        Assert.Single(committables);
        Assert.Empty(VisibleFiles());
        Assert.Equal([".part-0-a1-0.pending"], HiddenFiles());
    }

    [Fact]
    public void Commit_PublishesTheFileUnderItsFinalName()
    {
        var sink = CreateSink(suffix: ".txt");
        using var writer = sink.CreateWriter(Context("a1", subtask: 3));
        var committer = sink.CreateCommitter(Context("a1"));
        Write(writer, "alpha", "βeta");

        committer.Commit(writer.PrepareCommit(1));

        Assert.Equal(["part-3-a1-0.txt"], VisibleFiles());
        Assert.Equal("alpha\nβeta\n", File.ReadAllText(Path.Combine(_directory, "part-3-a1-0.txt")));
        Assert.Empty(HiddenFiles());
    }

    [Fact]
    public void Commit_Twice_IsANoOp()
    {
        var sink = CreateSink();
        using var writer = sink.CreateWriter(Context("a1"));
        var committer = sink.CreateCommitter(Context("a1"));
        Write(writer, "once");
        var committables = writer.PrepareCommit(1);

        committer.Commit(committables);
        committer.Commit(committables);

        Assert.Equal(["part-0-a1-0"], VisibleFiles());
        Assert.Equal("once\n", File.ReadAllText(Path.Combine(_directory, "part-0-a1-0")));
    }

    [Fact]
    public void PrepareCommit_NothingWritten_ReturnsNoCommittable()
    {
        var sink = CreateSink();
        using var writer = sink.CreateWriter(Context("a1"));

        Assert.Empty(writer.PrepareCommit(1));
        Write(writer);
        Assert.Empty(writer.PrepareCommit(2));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void EachCheckpoint_StartsANewPart()
    {
        var sink = CreateSink();
        using var writer = sink.CreateWriter(Context("a1"));
        var committer = sink.CreateCommitter(Context("a1"));

        Write(writer, "one");
        committer.Commit(writer.PrepareCommit(1));
        Write(writer, "two");
        committer.Commit(writer.PrepareCommit(2));

        Assert.Equal(["part-0-a1-0", "part-0-a1-1"], VisibleFiles());
        Assert.Equal("two\n", File.ReadAllText(Path.Combine(_directory, "part-0-a1-1")));
    }

    [Fact]
    public void Restart_AbortLeftovers_DeletesHiddenFilesOfEarlierAttempts_AndKeepsCommittedOnes()
    {
        var sink = CreateSink();
        List<FileCommittable> completed;
        using (var crashed = sink.CreateWriter(Context("attempt-1")))
        {
            Write(crashed, "checkpoint 1");
            completed = [.. crashed.PrepareCommit(1)];
            sink.CreateCommitter(Context("attempt-1")).Commit(completed);
            Write(crashed, "checkpoint 2, never completed");
            _ = crashed.PrepareCommit(2);
            Write(crashed, "written after checkpoint 2");
        }

        Assert.Equal([".part-0-attempt-1-1.pending", ".part-0-attempt-1-2.inprogress"], HiddenFiles());

        using var restarted = sink.CreateWriter(Context("attempt-2"));
        Write(restarted, "replayed");
        var committer = sink.CreateCommitter(Context("attempt-2"));
        committer.Commit(completed);
        committer.AbortLeftovers("attempt-2");

        Assert.Equal(["part-0-attempt-1-0"], VisibleFiles());
        Assert.Equal("checkpoint 1\n", File.ReadAllText(Path.Combine(_directory, "part-0-attempt-1-0")));
        Assert.Equal([".part-0-attempt-2-0.inprogress"], HiddenFiles());
    }

    [Fact]
    public void AbortLeftovers_LeavesFilesOfOtherPrefixesAlone()
    {
        var other = CreateSink(prefix: "other");
        using (var writer = other.CreateWriter(Context("old")))
        {
            Write(writer, "not mine");
        }

        CreateSink().CreateCommitter(Context("new")).AbortLeftovers("new");

        Assert.Equal([".other-0-old-0.inprogress"], HiddenFiles());
    }

    [Fact]
    public void Write_RollsPartsBySize()
    {
        var sink = CreateSink(maxPartSize: 10);
        using var writer = sink.CreateWriter(Context("a1"));
        var committer = sink.CreateCommitter(Context("a1"));

        Write(writer, "aaaa");          // 5 bytes
        Write(writer, "bbbb");          // 10 bytes: full, rolled
        Write(writer, "cc");            // 3 bytes in a new part
        Write(writer, "ddddddd");       // 8 more would exceed 10: rolled before writing
        Write(writer, "a very long line"); // larger than the limit: rolled first, then alone in its part
        Write(writer, "e");
        var committables = writer.PrepareCommit(1);
        Assert.Empty(VisibleFiles());
        committer.Commit(committables);

        Assert.Equal(5, committables.Count);
        Assert.Equal(["part-0-a1-0", "part-0-a1-1", "part-0-a1-2", "part-0-a1-3", "part-0-a1-4"], VisibleFiles());
        Assert.Equal(
            ["aaaa\nbbbb\n", "cc\n", "ddddddd\n", "a very long line\n", "e\n"],
            VisibleFiles().Select(f => File.ReadAllText(Path.Combine(_directory, f))));
    }

    [Fact]
    public void Commit_PendingAndFinalBothMissing_ThrowsNamingTheFile()
    {
        var sink = CreateSink();
        using var writer = sink.CreateWriter(Context("a1"));
        Write(writer, "lost");
        var committable = Assert.Single(writer.PrepareCommit(1));
        File.Delete(committable.PendingPath);

        var ex = Assert.Throws<ConnectorException>(() => sink.CreateCommitter(Context("a1")).Commit([committable]));

        Assert.Equal("filesystem", ex.Connector);
        Assert.Contains(committable.FinalPath, ex.Message, StringComparison.Ordinal);
        Assert.Equal(RetryHint.None, ex.Retry);
    }

    [Fact]
    public void Commit_AfterAnInterruptedRename_CompletesIt()
    {
        var sink = CreateSink();
        using var writer = sink.CreateWriter(Context("a1"));
        Write(writer, "x");
        var committable = Assert.Single(writer.PrepareCommit(1));
        File.Copy(committable.PendingPath, committable.FinalPath);

        sink.CreateCommitter(Context("a1")).Commit([committable]);

        Assert.Equal(["part-0-a1-0"], VisibleFiles());
        Assert.Empty(HiddenFiles());
    }

    [Fact]
    public void Dispose_MidFile_PublishesNothing()
    {
        var sink = CreateSink();
        var writer = sink.CreateWriter(Context("a1"));
        Write(writer, "abandoned");

        writer.Dispose();

        Assert.Empty(VisibleFiles());
        Assert.Equal([".part-0-a1-0.inprogress"], HiddenFiles());
    }

    [Fact]
    public void CommittableSerializer_StoresPathsRelativeToTheDirectory()
    {
        var sink = CreateSink();
        using var writer = sink.CreateWriter(Context("a1"));
        Write(writer, "x");
        var committable = Assert.Single(writer.PrepareCommit(1));
        var outside = new FileCommittable(Path.Combine(Path.GetTempPath(), "elsewhere", ".p.pending"), "/abs/final");

        using var buffer = new BinaryBufferWriter();
        sink.CommittableSerializer.Serialize(committable, buffer);
        sink.CommittableSerializer.Serialize(outside, buffer);
        var moved = Path.Combine(Path.GetTempPath(), "moved-output");
        var reader = new BinaryBufferReader(buffer.ToArray());
        var relocated = new FileCommittableSerializer(moved).Deserialize(reader);
        var absolute = new FileCommittableSerializer(moved).Deserialize(reader);

        Assert.Equal(Path.Combine(moved, ".part-0-a1-0.pending"), relocated.PendingPath);
        Assert.Equal(Path.Combine(moved, "part-0-a1-0"), relocated.FinalPath);
        Assert.Equal(outside, absolute);
        Assert.True(reader.IsAtEnd);
        var again = sink.CommittableSerializer.Deserialize(new BinaryBufferReader(Serialize(sink.CommittableSerializer, committable)));
        Assert.Equal(committable, again);
    }

    [Theory]
    [InlineData(".hidden", "")]
    [InlineData("a/b", "")]
    [InlineData("", "")]
    [InlineData("part", "x/y")]
    public void Options_InvalidNames_AreRejected(string prefix, string suffix)
    {
        Assert.Throws<ArgumentException>(() => CreateSink(prefix: prefix, suffix: suffix));
    }

    [Fact]
    public void CreateWriter_AttemptIdWithPathSeparator_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => CreateSink().CreateWriter(Context("a/1")));
    }

    private TransactionalFileSink CreateSink(string prefix = "part", string suffix = "", long maxPartSize = 1 << 20) =>
        new(new FileSinkOptions
        {
            Directory = _directory,
            Encoder = LineEncoder.ForElements<string>(s => s),
            PartPrefix = prefix,
            PartSuffix = suffix,
            MaxPartSizeBytes = maxPartSize,
        });

    private static SinkContext Context(string attemptId, int subtask = 0) => new(subtask, 4, attemptId, TimeProvider.System);

    private static void Write(ISinkWriter<FileCommittable> writer, params string[] lines)
    {
        using var batch = new ElementBatch<string>(Math.Max(1, lines.Length));
        foreach (var line in lines)
        {
            batch.Add(line);
        }

        writer.Write(batch);
    }

    private static byte[] Serialize(ITypeSerializer<FileCommittable> serializer, FileCommittable value)
    {
        using var buffer = new BinaryBufferWriter();
        serializer.Serialize(value, buffer);
        return buffer.ToArray();
    }

    private List<string> VisibleFiles() => Files().Where(f => !f.StartsWith('.')).ToList();

    private List<string> HiddenFiles() => Files().Where(f => f.StartsWith('.')).ToList();

    private List<string> Files() =>
        Directory.EnumerateFiles(_directory).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();
}
