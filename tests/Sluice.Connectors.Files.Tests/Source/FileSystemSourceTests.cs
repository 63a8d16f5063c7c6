using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Source;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Files.Tests.Source;

[Trait("Category", "Integration")]
public sealed class FileSystemSourceTests : IDisposable
{
    private readonly CsvDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void PollNext_DirectoryOfCsvFiles_EmitsBatchesOfAtMostTheBatchSizePerFile()
    {
        var expected = _directory.WriteFile("a.csv", 1, 10).Concat(_directory.WriteFile("b.csv", 20, 3)).ToList();
        _directory.WriteText(".hidden.csv", "not,a,row\n");
        _directory.WriteText("_SUCCESS", "");
        var source = _directory.Source(batchSize: 4);
        var output = new RecordingOutput();
        using var reader = source.CreateReader(Context());
        reader.AddSplits(source.DiscoverSplits(1));

        var statuses = PollToEnd(reader, output);

        Assert.Equal(expected, output.Rows);
        Assert.Equal([4, 4, 2, 3], output.Batches.Select(b => b.Rows));
        Assert.All(output.Batches, b => Assert.Equal(CsvDirectory.Schema, b.Schema));
        Assert.Equal([Path.Combine(_directory.Path, "a.csv"), Path.Combine(_directory.Path, "b.csv")], output.Finished);
        Assert.Equal(InputStatus.EndOfInput, statuses[^1]);
        Assert.Equal(Boundedness.Bounded, source.Boundedness);
    }

    [Fact]
    public void SnapshotState_MidFile_RecordsTheByteOffsetAndLineOfTheNextRecord()
    {
        _directory.WriteText("a.csv", "1,a,1\n2,b,2\r\n3,c,3\n");
        var source = _directory.Source(batchSize: 2);
        using var reader = source.CreateReader(Context());
        reader.AddSplits(source.DiscoverSplits(1));

        reader.PollNext(new RecordingOutput());

        var split = Assert.IsType<FileSplit>(Assert.Single(reader.SnapshotState(1)));
        Assert.Equal(13, split.Offset);
        Assert.Equal(3, split.Line);
    }

    [Fact]
    public void Restore_FromSnapshot_ResumesWithoutLossOrDuplicates()
    {
        var expected = _directory.WriteFile("a.csv", 1, 30).Concat(_directory.WriteFile("b.csv", 100, 30)).ToList();
        var source = _directory.Source(batchSize: 7);
        var before = new RecordingOutput();
        IReadOnlyList<FileSourceSplit> snapshot;
        using (var reader = source.CreateReader(Context()))
        {
            reader.AddSplits(source.DiscoverSplits(1));
            for (var i = 0; i < 6; i++)
            {
                reader.PollNext(before);
            }

            snapshot = Serialize(reader.SnapshotState(7));
            reader.PollNext(new RecordingOutput()); // emitted after the checkpoint: replayed after the restore
        }

        var after = new RecordingOutput();
        using var restored = _directory.Source(batchSize: 7).CreateReader(Context());
        restored.AddSplits(snapshot);
        PollToEnd(restored, after);

        Assert.Equal(expected, before.Rows.Concat(after.Rows));
    }

    [Fact]
    public void MonitorMode_NewFileAppears_IsReadAsANewSplit()
    {
        var time = new SteppedClock();
        var first = _directory.WriteFile("a.csv", 1, 3);
        var source = _directory.Source(monitorInterval: TimeSpan.FromSeconds(10));
        var output = new RecordingOutput();
        using var reader = source.CreateReader(Context(time));
        reader.AddSplits(source.DiscoverSplits(1));

        while (reader.PollNext(output) == InputStatus.MoreAvailable)
        {
        }

        Assert.Equal(first, output.Rows);
        Assert.Equal(InputStatus.NothingAvailable, reader.PollNext(output));
        var second = _directory.WriteFile("b.csv", 10, 2);
        Assert.Equal(InputStatus.NothingAvailable, reader.PollNext(output)); // not rescanned before the interval
        time.Advance(TimeSpan.FromSeconds(10));
        while (reader.PollNext(output) == InputStatus.MoreAvailable)
        {
        }

        Assert.Equal(first.Concat(second), output.Rows);
        Assert.Equal(Boundedness.Unbounded, source.Boundedness);
        Assert.Contains(DirectoryWatchSplit.IdPrefix + _directory.Path, output.Finished);
    }

    [Fact]
    public void MonitorMode_Restore_RemembersSeenFilesAndPicksUpFilesCreatedWhileDown()
    {
        var time = new SteppedClock();
        var first = _directory.WriteFile("a.csv", 1, 3);
        var source = _directory.Source(monitorInterval: TimeSpan.FromMinutes(1));
        var before = new RecordingOutput();
        IReadOnlyList<FileSourceSplit> snapshot;
        using (var reader = source.CreateReader(Context(time)))
        {
            reader.AddSplits(source.DiscoverSplits(1));
            while (reader.PollNext(before) == InputStatus.MoreAvailable)
            {
            }

            snapshot = Serialize(reader.SnapshotState(1));
        }

        var watch = Assert.IsType<DirectoryWatchSplit>(Assert.Single(snapshot));
        Assert.Equal([Path.Combine(_directory.Path, "a.csv")], watch.SeenFiles);
        var second = _directory.WriteFile("b.csv", 10, 2);

        var after = new RecordingOutput();
        using var restored = _directory.Source(monitorInterval: TimeSpan.FromMinutes(1)).CreateReader(Context(time));
        restored.AddSplits(snapshot);
        while (restored.PollNext(after) == InputStatus.MoreAvailable)
        {
        }

        Assert.Equal(first, before.Rows);
        Assert.Equal(second, after.Rows);
    }

    [Fact]
    public void PollNext_BadLine_FailsNamingFileLineAndColumn()
    {
        _directory.WriteText("bad.csv", "1,a,1.00\n2,b,2.00\n3,c,three\n");
        var source = _directory.Source();
        using var reader = source.CreateReader(Context());
        reader.AddSplits(source.DiscoverSplits(1));

        var error = Assert.Throws<FormatParseException>(() => PollToEnd(reader, new RecordingOutput()));

        var file = Path.Combine(_directory.Path, "bad.csv");
        Assert.Equal($"Cannot decode file {file}, line 3 with format 'csv': column `price`: expected DECIMAL(10, 2), found 'three'",
            error.Message);
        Assert.Equal(ErrorDomain.User, error.Domain);
    }

    [Fact]
    public void PollNext_BadLinesWithIgnoreParseErrors_SkipsThem()
    {
        _directory.WriteText("bad.csv", "1,a,1.00\noops\n3,c,three\n4,d,4\n");
        var source = _directory.Source(7, null, ("ignore-parse-errors", "true"));
        var output = new RecordingOutput();
        using var reader = source.CreateReader(Context());
        reader.AddSplits(source.DiscoverSplits(1));

        PollToEnd(reader, output);

        Assert.Equal(["+I[1, a, 1.00]", "+I[4, d, 4.00]"], output.Rows);
    }

    [Fact]
    public void PollNext_QuotedRecordsSpanningTheReadBuffer_AreReadWhole()
    {
        var longName = new string('x', 300);
        _directory.WriteText("long.csv", $"\uFEFF1,\"{longName}\nsecond line\",1\n2,b,2");
        var source = _directory.Source();
        var output = new RecordingOutput();
        using var reader = source.CreateReader(Context());
        reader.AddSplits(source.DiscoverSplits(1));

        PollToEnd(reader, output);

        Assert.Equal([$"+I[1, {longName}\nsecond line, 1.00]", "+I[2, b, 2.00]"], output.Rows);
    }

    [Fact]
    public void DiscoverSplits_MissingPath_FailsNamingThePath()
    {
        var source = new FileSystemSource(new FileSystemSourceOptions
        {
            Path = Path.Combine(_directory.Path, "nope"),
            CreateDecoder = () => throw new InvalidOperationException(),
        });

        var error = Assert.Throws<ConnectorException>(() => source.DiscoverSplits(1));

        Assert.Contains("nope' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DiscoverSplits_SingleFile_IsOneSplit()
    {
        _directory.WriteFile("a.csv", 1, 2);
        var source = new FileSystemSource(new FileSystemSourceOptions
        {
            Path = Path.Combine(_directory.Path, "a.csv"),
            CreateDecoder = () => throw new InvalidOperationException(),
        });

        Assert.Equal(Path.Combine(_directory.Path, "a.csv"), Assert.Single(source.DiscoverSplits(4)).SplitId);
    }

    private static SourceReaderContext Context(TimeProvider? time = null) => new(0, 1, time ?? TimeProvider.System);

    private static List<InputStatus> PollToEnd(ISourceReader<FileSourceSplit> reader, ISourceOutput output)
    {
        var statuses = new List<InputStatus>();
        for (var i = 0; i < 10_000; i++)
        {
            statuses.Add(reader.PollNext(output));
            if (statuses[^1] == InputStatus.EndOfInput)
            {
                return statuses;
            }
        }

        throw new InvalidOperationException("The source did not end.");
    }

    private static List<FileSourceSplit> Serialize(IReadOnlyList<FileSourceSplit> splits) =>
        splits.Select(s =>
        {
            using var writer = new BinaryBufferWriter();
            FileSourceSplit.Serializer.Serialize(s, writer);
            return FileSourceSplit.Serializer.Deserialize(new BinaryBufferReader(writer.ToArray()));
        }).ToList();

    private sealed class RecordingOutput : ISourceOutput
    {
        public List<string> Rows { get; } = [];

        public List<(int Rows, Sluice.Core.Schemas.Schema Schema)> Batches { get; } = [];

        public List<string> Finished { get; } = [];

        public void Emit(string splitId, IBatch batch)
        {
            using var records = (RecordBatch)batch;
            Batches.Add((records.RowCount, records.Schema));
            Rows.AddRange(records.ToRowStrings());
        }

        public void SplitFinished(string splitId) => Finished.Add(splitId);
    }
}
