using System.Text;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Sink;
using Sluice.Connectors.Files.Source;
using Sluice.Core.Batches;
using Sluice.Formats;

namespace Sluice.Connectors.Files.Tests.Source;

[Trait("Category", "Integration")]
public sealed class FileSystemTableFactoryTests : IDisposable
{
    private readonly CsvDirectory _directory = new();
    private readonly ConnectorRegistry _registry = new ConnectorRegistry().Add(new FileSystemTableFactory()).AddStandardFormats();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void CreateSource_CsvDirectory_ReadsTheRowsThroughTheHandle()
    {
        var expected = _directory.WriteFile("a.csv", 1, 5);

        var table = _registry.CreateSource(Context(("format", "csv"), ("csv.field-delimiter", ",")));

        Assert.Equal(CsvDirectory.Schema, table.ProducedSchema);
        Assert.Equal(ChangelogMode.InsertOnly, table.ChangelogMode);
        Assert.Equal(Boundedness.Bounded, table.Source.Boundedness);
        Assert.Equal(expected, table.Source.Accept(new ReadAllVisitor()));
    }

    [Fact]
    public void CreateSource_MonitorInterval_IsContinuous()
    {
        var table = _registry.CreateSource(Context(("format", "csv"), ("source.monitor-interval", "10 s")));

        Assert.Equal(Boundedness.Unbounded, table.Source.Boundedness);
    }

    [Fact]
    public void CreateSource_ChangelogFormat_ProducesEveryRowKind()
    {
        var table = _registry.CreateSource(Context(("format", "debezium-json")));

        Assert.Equal(ChangelogMode.All, table.ChangelogMode);
    }

    [Fact]
    public void CreateSource_MisspelledOption_SuggestsTheRightOne()
    {
        var error = Assert.Throws<TableOptionException>(() => _registry.CreateSource(Context(("fromat", "csv"))));

        Assert.Contains("Unsupported option 'fromat' for connector 'filesystem'. Did you mean 'format'?", error.Message, StringComparison.Ordinal);
        Assert.Contains("Missing required option 'format' for connector 'filesystem'.", error.Message, StringComparison.Ordinal);
        Assert.Equal("fromat", error.OptionKey);
    }

    [Fact]
    public void CreateSource_MisspelledFormatOption_NamesTheFormat()
    {
        var error = Assert.Throws<TableOptionException>(() =>
            _registry.CreateSource(Context(("format", "csv"), ("csv.field-delimeter", ";"))));

        Assert.Equal("Invalid options of table 'orders': Unsupported option 'csv.field-delimeter' for format 'csv'. " +
            "Did you mean 'csv.field-delimiter'?", error.Message);
    }

    [Fact]
    public void CreateSource_UnknownFormat_ListsTheAvailableOnes()
    {
        var error = Assert.Throws<TableOptionException>(() => _registry.CreateSource(Context(("format", "parquet"))));

        Assert.Contains("Unsupported format 'parquet' in option 'format' of connector 'filesystem'. " +
            "Available formats: 'csv', 'debezium-json', 'json', 'raw'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSource_InvalidDuration_SaysWhatIsExpected()
    {
        var error = Assert.Throws<TableOptionException>(() =>
            _registry.CreateSource(Context(("format", "csv"), ("source.monitor-interval", "soon"))));

        Assert.Contains("Invalid value 'soon' for option 'source.monitor-interval' of connector 'filesystem': expected a duration",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSink_Json_WritesCommittedPartFiles()
    {
        var output = Path.Combine(_directory.Path, "out");
        var table = _registry.CreateSink(new TableContext("orders", CsvDirectory.Schema, new Dictionary<string, string>
        {
            ["connector"] = "filesystem",
            ["path"] = output,
            ["format"] = "json",
            ["sink.rolling-policy.file-size"] = "1 kb",
            ["sink.rolling-policy.rollover-interval"] = "5 min",
            ["partition.default-name"] = "none",
        }));

        Assert.Equal(ChangelogMode.InsertOnly, table.AcceptedChangelogMode);
        var sink = Assert.IsType<SinkHandle<FileCommittable>>(table.Sink).Sink;
        var context = new SinkContext(0, 1, "a1", TimeProvider.System);
        using (var writer = sink.CreateWriter(context))
        {
            using var builder = new RecordBatchBuilder(CsvDirectory.Schema);
            builder.AppendRow(1L, "a", 1.5m);
            using var batch = builder.Build();
            writer.Write(batch);
            sink.CreateCommitter(context).Commit(writer.PrepareCommit(1));
        }

        var file = Assert.Single(Directory.GetFiles(output));
        Assert.Equal("{\"id\":1,\"name\":\"a\",\"price\":1.50}\n", File.ReadAllText(file, Encoding.UTF8));
    }

    [Fact]
    public void Descriptor_DocumentsEveryFlinkOption()
    {
        var markdown = FileSystemTableFactory.ConnectorDescriptor.ToMarkdown();

        foreach (var key in new[] { "path", "format", "source.monitor-interval", "sink.rolling-policy.file-size",
            "sink.rolling-policy.rollover-interval", "partition.default-name" })
        {
            Assert.Contains($"| `{key}` |", markdown, StringComparison.Ordinal);
        }
    }

    private TableContext Context(params (string Key, string Value)[] options)
    {
        var all = options.ToDictionary(o => o.Key, o => o.Value);
        all["connector"] = "filesystem";
        all["path"] = _directory.Path;
        return new TableContext("orders", CsvDirectory.Schema, all);
    }
}
