using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Source;
using Sluice.Connectors.Files.Tests.Source;
using Sluice.Formats;
using Sluice.Testing.Conformance;

namespace Sluice.Connectors.Files.Tests.Conformance;

/// <summary>The sink and option parts of the connector conformance kit for the <c>filesystem</c> connector (the source part: <see cref="FileSystemSourceConformanceTests"/>).</summary>
[Trait("Category", "Integration")]
public sealed class FileSystemConnectorConformanceTests : IDisposable
{
    private readonly CsvDirectory _directory = new();
    private readonly ConnectorRegistry _registry = new ConnectorRegistry().Add(new FileSystemTableFactory()).AddStandardFormats();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public void Sink_SurvivesCrashesInTheTwoPhaseCommit_ExactlyOnce(string format)
    {
        var output = Path.Combine(_directory.Path, "out-" + format);
        var table = _registry.CreateSink(Context(output, format));
        object?[][] rows = [.. Enumerable.Range(1, 10).Select(i => new object?[] { (long)i, $"item {i}", i * 1.25m })];

        SinkConformance.SurvivesCrashes(table, rows, () => ReadCommitted(output, format));
    }

    [Theory]
    [InlineData("format", "parquet-ish")]
    [InlineData("sink.rolling-policy.file-size", "big")]
    [InlineData("sink.rolling-policy.rollover-interval", "soon")]
    public void Sink_BadOption_IsRejectedNamingTheOption(string option, string value) =>
        OptionConformance.RejectsBadSinkOption(_registry, Context(Path.Combine(_directory.Path, "out"), "csv"), option, value);

    [Theory]
    [InlineData("format", "parquet-ish")]
    [InlineData("source.monitor-interval", "often")]
    [InlineData("csv.field-delimiter", "too long")]
    public void Source_BadOption_IsRejectedNamingTheOption(string option, string value) =>
        OptionConformance.RejectsBadSourceOption(_registry, Context(_directory.Path, "csv"), option, value);

    private static TableContext Context(string path, string format) =>
        new("orders", CsvDirectory.Schema, new Dictionary<string, string>
        {
            ["connector"] = "filesystem",
            ["path"] = path,
            ["format"] = format,
        });

    /// <summary>What a reader of the directory sees: the committed (not hidden) part files, decoded with the format.</summary>
    private IReadOnlyList<string> ReadCommitted(string output, string format)
    {
        if (!Directory.Exists(output))
        {
            return [];
        }

        var table = _registry.CreateSource(Context(output, format));
        var rows = new List<string>();
        foreach (var row in table.Source.Accept(new ReadAllVisitor()))
        {
            rows.Add(row[2..]);
        }

        return rows;
    }
}
