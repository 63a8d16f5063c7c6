using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Source;
using Sluice.Connectors.Files.Tests.Source;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Formats;

namespace Sluice.Connectors.Files.Tests.Partitions;

/// <summary>
/// The source of a partitioned <c>filesystem</c> table: partition values from the folders (typed, the default partition
/// NULL), hidden files and folders skipped, partitions pruned by a pushed-down filter, and continuous monitoring that
/// finds new partitions and restores the set it has seen.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PartitionedFileSourceTests : IDisposable
{
    private static readonly Schema Events = Schema.Of(
        new Field("day", DataTypes.Date()), new Field("id", DataTypes.BigInt()), new Field("shard", DataTypes.Int()), new Field("name", DataTypes.String()));

    private readonly CsvDirectory _directory = new();
    private readonly ConnectorRegistry _registry = new ConnectorRegistry().Add(new FileSystemTableFactory()).AddStandardFormats();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void PartitionValues_ComeFromTheFolders_Typed_DefaultPartitionIsNull_HiddenEntriesSkipped()
    {
        _directory.WriteText("day=2024-01-31/shard=1/part-0", "1,a\n2,b\n");
        _directory.WriteText("day=2024-02-01/shard=__DEFAULT_PARTITION__/part-0", "3,c\n");
        _directory.WriteText("day=2024-02-01/shard=2/_SUCCESS", "");
        _directory.WriteText("day=2024-02-01/shard=2/.part-0-x-0.inprogress", "9,hidden\n");
        _directory.WriteText("_temporary/day=2024-02-01/shard=3/part-0", "9,hidden\n");
        _directory.WriteText(".staging/day=2024-02-01/shard=3/part-0", "9,hidden\n");

        var rows = Read(Source());

        Assert.Equal(["+I[2024-01-31, 1, 1, a]", "+I[2024-01-31, 2, 1, b]", "+I[2024-02-01, 3, null, c]"], rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PushedDownFilter_SkipsRejectedPartitions_WithoutReadingTheirFiles()
    {
        _directory.WriteText("day=2024-01-31/shard=1/part-0", "1,a\n");
        _directory.WriteText("day=2024-01-31/shard=2/part-0", "2,b\n");
        _directory.WriteText("day=2024-02-01/shard=1/part-0", "not,a,row,of,this,table\n");
        var seen = new List<string>();
        var pushDown = Assert.IsAssignableFrom<ISupportsPartitionPushDown>(Source());
        Assert.Equal(["day", "shard"], pushDown.PartitionKeys);

        var pruned = pushDown.ApplyPartitionFilter(batch =>
        {
            Assert.Equal(["day", "shard"], batch.Schema.Fields.Select(f => f.Name));
            seen.AddRange(batch.ToRowStrings());
            return [.. Enumerable.Range(0, batch.RowCount).Select(i => batch.Column(0).GetValue(i) is DateOnly d && d.Day == 31)];
        }, "day = DATE '2024-01-31'");

        Assert.Equal(["+I[2024-01-31, 1, 1, a]", "+I[2024-01-31, 2, 2, b]"], Read(pruned).Order(StringComparer.Ordinal));
        Assert.Contains("+I[2024-02-01, 1]", seen);
    }

    [Fact]
    public void BadPartitionFolderValue_FailsNamingTheFolderAndType()
    {
        _directory.WriteText("day=someday/shard=1/part-0", "1,a\n");

        var error = Assert.Throws<TableOptionException>(() => Read(Source()));

        Assert.Contains("'day=someday'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DATE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_FindsNewPartitions_AndARestoredReaderRemembersWhatItRead()
    {
        var clock = new SteppedClock();
        _directory.WriteText("day=2024-01-31/shard=1/part-0", "1,a\n");
        var source = Typed(Source(("source.monitor-interval", "1 min")));
        var output = new Rows();
        IReadOnlyList<FileSourceSplit> snapshot;
        using (var reader = source.CreateReader(new SourceReaderContext(0, 1, clock)))
        {
            reader.AddSplits(source.DiscoverSplits(1));
            Drain(reader, output);
            Assert.Equal(["+I[2024-01-31, 1, 1, a]"], output.Values);

            _directory.WriteText("day=2024-02-01/shard=7/part-0", "2,b\n");
            clock.Advance(TimeSpan.FromMinutes(1));
            Drain(reader, output);
            Assert.Equal(["+I[2024-01-31, 1, 1, a]", "+I[2024-02-01, 2, 7, b]"], output.Values);
            snapshot = [.. reader.SnapshotState(1).Select(RoundTrip)];
        }

        _directory.WriteText("day=2024-02-02/shard=1/part-0", "3,c\n");
        var restoredOutput = new Rows();
        using var restored = source.CreateReader(new SourceReaderContext(0, 1, clock));
        restored.AddSplits(snapshot);
        Drain(restored, restoredOutput);

        Assert.Equal(["+I[2024-02-02, 3, 1, c]"], restoredOutput.Values);
    }

    private ITableSource Source(params (string Key, string Value)[] options)
    {
        var all = new Dictionary<string, string> { ["connector"] = "filesystem", ["path"] = _directory.Path, ["format"] = "csv" };
        foreach (var (key, value) in options)
        {
            all[key] = value;
        }

        return _registry.CreateSource(new TableContext("events", Events, all) { PartitionKeys = ["day", "shard"] });
    }

    private static FileSystemSource Typed(ITableSource table) => (FileSystemSource)table.Source.Accept(new Unwrap());

    private static List<string> Read(ITableSource table) => table.Source.Accept(new ReadAllVisitor());

    private static void Drain(ISourceReader<FileSourceSplit> reader, Rows output)
    {
        for (var i = 0; i < 100 && reader.PollNext(output) == InputStatus.MoreAvailable; i++)
        {
        }
    }

    private static FileSourceSplit RoundTrip(FileSourceSplit split)
    {
        using var writer = new BinaryBufferWriter();
        FileSourceSplit.Serializer.Serialize(split, writer);
        return FileSourceSplit.Serializer.Deserialize(new BinaryBufferReader(writer.ToArray()));
    }

    private sealed class Unwrap : ISourceVisitor<object>
    {
        public object Visit<TSplit>(ISource<TSplit> source)
            where TSplit : ISourceSplit => source;
    }

    private sealed class Rows : ISourceOutput
    {
        public List<string> Values { get; } = [];

        public void Emit(string splitId, IBatch batch)
        {
            using var records = (RecordBatch)batch;
            Values.AddRange(records.ToRowStrings());
        }

        public void SplitFinished(string splitId)
        {
        }
    }
}
