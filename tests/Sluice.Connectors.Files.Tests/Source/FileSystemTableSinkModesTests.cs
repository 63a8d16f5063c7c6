using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Sink;
using Sluice.Connectors.Files.Source;
using Sluice.Core.Batches;
using Sluice.Formats;

namespace Sluice.Connectors.Files.Tests.Source;

/// <summary>
/// How the <c>filesystem</c> table sink follows the statement that writes it: <c>INSERT OVERWRITE</c> replaces the
/// folder's files when its own become visible, two sinks of one table in one job do not collide, and a partitioned
/// table's partition columns are checked.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FileSystemTableSinkModesTests : IDisposable
{
    private readonly CsvDirectory _directory = new();
    private readonly ConnectorRegistry _registry = new ConnectorRegistry().Add(new FileSystemTableFactory()).AddStandardFormats();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Overwrite_OldFilesStayUntilTheFirstCommit_ThenOnlyTheNewRowsRemain()
    {
        _directory.WriteText("old-1.csv", "1,a,1.00\n");
        _directory.WriteText("old-2.csv", "2,b,2.00\n");
        _directory.WriteText(".hidden", "not data\n");

        var (sink, context) = Sink(overwrite: true, ordinal: 0);
        using var writer = sink.CreateWriter(context);
        Write(writer, 3L, "c", 3m);
        var committables = writer.PrepareCommit(1);
        Assert.Equal(["old-1.csv", "old-2.csv"], VisibleFiles());

        sink.CreateCommitter(context).Commit(committables);

        var file = Assert.Single(VisibleFiles());
        Assert.StartsWith("part-", file, StringComparison.Ordinal);
        Assert.Equal("3,c,3.00\n", File.ReadAllText(Path.Combine(_directory.Path, file)));
        Assert.True(File.Exists(Path.Combine(_directory.Path, ".hidden")));
    }

    [Fact]
    public void Sink_SupportsOverwrite_SoThePlannerAcceptsInsertOverwrite()
    {
        Assert.True(_registry.CreateSink(Context(overwrite: true, ordinal: 0)).SupportsOverwrite);
    }

    [Fact]
    public void Insert_WithoutOverwrite_KeepsTheExistingFiles()
    {
        _directory.WriteText("old-1.csv", "1,a,1.00\n");

        var (sink, context) = Sink(overwrite: false, ordinal: 0);
        using var writer = sink.CreateWriter(context);
        Write(writer, 3L, "c", 3m);
        sink.CreateCommitter(context).Commit(writer.PrepareCommit(1));

        Assert.Equal(2, VisibleFiles().Count);
    }

    [Fact]
    public void TwoSinksOfOneTable_SameSubtaskAndAttempt_WriteTwoFiles()
    {
        var (first, firstContext) = Sink(overwrite: false, ordinal: 0);
        var (second, secondContext) = Sink(overwrite: false, ordinal: 1);
        using var firstWriter = first.CreateWriter(firstContext);
        using var secondWriter = second.CreateWriter(secondContext);
        Write(firstWriter, 1L, "a", 1m);
        Write(secondWriter, 2L, "b", 2m);

        first.CreateCommitter(firstContext).Commit(firstWriter.PrepareCommit(1));
        second.CreateCommitter(secondContext).Commit(secondWriter.PrepareCommit(1));

        var contents = VisibleFiles().Select(f => File.ReadAllText(Path.Combine(_directory.Path, f))).Order(StringComparer.Ordinal);
        Assert.Equal(["1,a,1.00\n", "2,b,2.00\n"], contents);
    }

    [Fact]
    public void PartitionedTable_PartitionColumnThatIsNotAColumn_FailsNamingIt()
    {
        var context = Context(overwrite: false, ordinal: 0) with { PartitionKeys = ["region"] };

        var sinkError = Assert.Throws<TableOptionException>(() => _registry.CreateSink(context));
        var sourceError = Assert.Throws<TableOptionException>(() => _registry.CreateSource(context));

        Assert.Contains("Table 'orders' is PARTITIONED BY 'region'", sinkError.Message, StringComparison.Ordinal);
        Assert.Contains("not a physical column", sourceError.Message, StringComparison.Ordinal);
    }

    private (ISink<FileCommittable> Sink, SinkContext Context) Sink(bool overwrite, int ordinal)
    {
        var table = _registry.CreateSink(Context(overwrite, ordinal));
        return (Assert.IsType<SinkHandle<FileCommittable>>(table.Sink).Sink, new SinkContext(0, 1, "a1", TimeProvider.System));
    }

    private TableContext Context(bool overwrite, int ordinal) =>
        new("orders", CsvDirectory.Schema, new Dictionary<string, string>
        {
            ["connector"] = "filesystem",
            ["path"] = _directory.Path,
            ["format"] = "csv",
        })
        {
            Overwrite = overwrite,
            SinkOrdinal = ordinal,
        };

    private static void Write(ISinkWriter<FileCommittable> writer, long id, string name, decimal price)
    {
        using var builder = new RecordBatchBuilder(CsvDirectory.Schema);
        builder.AppendRow(id, name, price);
        using var batch = builder.Build();
        writer.Write(batch);
    }

    private List<string> VisibleFiles() =>
        [.. Directory.GetFiles(_directory.Path).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal)];
}
