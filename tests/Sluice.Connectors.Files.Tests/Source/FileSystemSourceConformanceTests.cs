using Sluice.Connectors.Abstractions.Source;
using Sluice.Testing.Conformance;
using Sluice.Connectors.Files.Source;

namespace Sluice.Connectors.Files.Tests.Source;

/// <summary>The source conformance kit over a directory of CSV files of different sizes (one empty, one in a subfolder).</summary>
[Trait("Category", "Integration")]
public sealed class FileSystemSourceConformanceTests : SourceConformanceTests<FileSourceSplit>, IDisposable
{
    private readonly CsvDirectory _directory = new();
    private readonly List<string> _expected = [];

    public FileSystemSourceConformanceTests()
    {
        _expected.AddRange(_directory.WriteFile("a.csv", 1, 23));
        _expected.AddRange(_directory.WriteFile("b.csv", 100, 1));
        _expected.AddRange(_directory.WriteFile("c.csv", 200, 0));
        _expected.AddRange(_directory.WriteFile("sub/d.csv", 300, 40));
        _expected.AddRange(_directory.WriteFile("e.csv", 400, 7));
    }

    protected override IReadOnlyList<string> ExpectedRows => _expected;

    protected override ISource<FileSourceSplit> CreateSource() => _directory.Source(batchSize: 5);

    public void Dispose() => _directory.Dispose();
}
