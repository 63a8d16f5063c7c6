using System.Text;
using Sluice.Core.Errors;
using Sluice.DataStream.Sources;

namespace Sluice.DataStream.Tests.Sources;

public sealed class TextFileSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-textfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content, bool bom = false)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(content)]);
        return path;
    }

    [Fact]
    public void Lines_EndAtNewlines_DropCarriageReturnsAndTheByteOrderMark()
    {
        var path = Write("a.txt", "first\r\nsecond\n\nälmost last\nno newline", bom: true);
        var source = new TextFileSource(path);
        using var driver = new SourceDriver<TextFileSplit, string>(source, 1, source.DiscoverSplits(1));
        driver.PollToEnd();

        Assert.Equal(["first", "second", "", "älmost last", "no newline"], driver.Elements);
        Assert.Equal([path], driver.Finished);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    public void Directory_SnapshotAndRestore_ResumesWithoutLossOrDuplicates(int parallelism, int restoredParallelism)
    {
        var expected = new List<string>();
        for (var f = 0; f < 3; f++)
        {
            var lines = Enumerable.Range(0, 2500 + (f * 100)).Select(i => $"file {f} line {i} {new string('x', i % 50)}").ToList();
            expected.AddRange(lines);
            Write($"part-{f}.txt", string.Join('\n', lines) + "\n");
        }

        var source = new TextFileSource(_directory, batchSize: 300);
        List<string> before;
        List<TextFileSplit> snapshot;
        using (var first = new SourceDriver<TextFileSplit, string>(source, parallelism, source.DiscoverSplits(parallelism)))
        {
            for (var i = 0; i < 4; i++)
            {
                first.PollRound();
            }

            before = [.. first.Elements];
            snapshot = first.Snapshot(7);
            first.PollRound();
        }

        Assert.NotEmpty(snapshot);
        using var second = new SourceDriver<TextFileSplit, string>(new TextFileSource(_directory, batchSize: 300), restoredParallelism, snapshot);
        second.PollToEnd();

        Assert.Equal(expected.Order(StringComparer.Ordinal), before.Concat(second.Elements).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MissingPath_FailsNamingThePath()
    {
        var missing = Path.Combine(_directory, "nope.txt");
        var error = Assert.Throws<ConnectorException>(() => new TextFileSource(missing).DiscoverSplits(1));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadTextFile_Job_CountsWords()
    {
        Write("words.txt", "a b\nb c\nc\n");
        var env = new StreamExecutionEnvironment();
        var counts = env.ReadTextFile(_directory)
            .FlatMap<string>(line => line.Split(' '))
            .KeyBy(w => w)
            .Reduce((a, b) => a + b);

        var result = await env.ExecuteAndCollectAsync(counts.Map(w => $"{w[0]}:{w.Length}"));

        Assert.Equal(["a:1", "b:1", "b:2", "c:1", "c:2"], result.Order(StringComparer.Ordinal));
    }
}
