using Sluice.Connectors.Abstractions.Source;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Sources;
using Sluice.Runtime.Execution;
using Sluice.Testing;

namespace Sluice.DataStream.Tests.Sources;

public class GeneratorSourceTests
{
    private static string Element(long i) => $"e{i}";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Bounded_EmitsEveryIndexOnceAndEnds(int parallelism)
    {
        var source = new GeneratorSource<string>(2500, null, Element, batchSize: 100);
        using var driver = new SourceDriver<GeneratorSplit, string>(source, parallelism, source.DiscoverSplits(parallelism));
        driver.PollToEnd();

        Assert.Equal(Enumerable.Range(0, 2500).Select(i => Element(i)).Order(), driver.Elements.Order());
        Assert.Equal(parallelism, driver.Finished.Count);
        Assert.Equal(Boundedness.Bounded, source.Boundedness);
    }

    [Theory]
    [InlineData(2, 3, 2)]
    [InlineData(2, 5, 3)]
    [InlineData(3, 1, 1)]
    public void Bounded_SnapshotAndRestore_ResumesWithoutLossOrDuplicates(int parallelism, int roundsBeforeSnapshot, int restoredParallelism)
    {
        var source = new GeneratorSource<string>(1000, null, Element, batchSize: 64);
        List<string> before;
        List<GeneratorSplit> snapshot;
        using (var first = new SourceDriver<GeneratorSplit, string>(source, parallelism, source.DiscoverSplits(parallelism)))
        {
            for (var i = 0; i < roundsBeforeSnapshot; i++)
            {
                first.PollRound();
            }

            before = [.. first.Elements];
            snapshot = first.Snapshot(1);

            // Emitted after the snapshot, so lost with the failed attempt: a restore must emit them again.
            first.PollRound();
        }

        var restored = new GeneratorSource<string>(1000, null, Element, batchSize: 64);
        using var second = new SourceDriver<GeneratorSplit, string>(restored, restoredParallelism, snapshot);
        second.PollToEnd();

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => Element(i)).Order(), before.Concat(second.Elements).Order());
    }

    [Fact]
    public void Unbounded_ParallelByIndex_SnapshotAndRestoreAtAnotherParallelismContinuesExactly()
    {
        var source = new GeneratorSource<long>(null, null, i => i, batchSize: 10);
        Assert.Equal(Boundedness.Unbounded, source.Boundedness);
        var splits = source.DiscoverSplits(2);
        List<long> before;
        List<GeneratorSplit> snapshot;
        using (var first = new SourceDriver<GeneratorSplit, long>(source, 2, splits))
        {
            for (var i = 0; i < 5; i++)
            {
                first.PollRound();
            }

            Assert.False(first.AllEnded);
            before = [.. first.Elements];
            snapshot = first.Snapshot(1);
        }

        // Subtask 0 took the even indices and subtask 1 the odd ones, 50 each.
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), before.Order());

        using var second = new SourceDriver<GeneratorSplit, long>(new GeneratorSource<long>(null, null, i => i, batchSize: 10), 1, snapshot);
        for (var i = 0; i < 4; i++)
        {
            second.PollRound();
        }

        Assert.Equal(Enumerable.Range(100, 40).Select(i => (long)i), second.Elements.Order());
    }

    [Fact]
    public void Rate_LimitsTheElementsPerSecondOnTheTasksClock()
    {
        var clock = new ManualTimeProvider();
        var source = new GeneratorSource<long>(null, 100, i => i, batchSize: 1000);
        using var driver = new SourceDriver<GeneratorSplit, long>(source, 1, source.DiscoverSplits(1), clock);
        for (var i = 0; i < 10; i++)
        {
            driver.PollRound();
        }

        var atStart = driver.Elements.Count;
        clock.Advance(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 10; i++)
        {
            driver.PollRound();
        }

        Assert.InRange(atStart, 1, 2);
        Assert.InRange(driver.Elements.Count, 200, 202);
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorSource<long>(-1, null, i => i));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorSource<long>(10, 0, i => i));
        Assert.Throws<ArgumentNullException>(() => new GeneratorSource<long>(10, null, null!));
    }

    /// <summary>Fails subtask 0 of the first attempt after it has seen 3000 elements.</summary>
    private sealed class FailOnce : ProcessFunction<long, long>
    {
        private RuntimeContext? _context;
        private int _seen;

        public override void Open(RuntimeContext context) => _context = context;

        public override void ProcessElement(long value, ProcessContext context, Collector<long> output)
        {
            if (_context!.AttemptNumber == 0 && _context.SubtaskIndex == 0 && ++_seen > 3000)
            {
                throw new InvalidOperationException("Injected failure.");
            }

            output.Collect(value);
        }
    }

    [Fact]
    public async Task FromGenerator_FailureAndRestart_ContinuesFromTheCheckpointExactlyOnce()
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions
        {
            Parallelism = 2,
            CheckpointInterval = TimeSpan.FromMilliseconds(20),
            RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(10)),
        });

        // Rate-limited, so checkpoints complete while the generator is in the middle of its ranges.
        var stream = env.FromGenerator(20_000, 40_000, i => i).Process(new FailOnce());

        var result = await env.ExecuteAndCollectAsync(stream).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => (long)i), result.Order());
    }

    [Fact]
    public async Task FromGenerator_JobAtParallelismTwo_EmitsEveryElementOnce()
    {
        var env = new StreamExecutionEnvironment();
        var stream = env.FromGenerator(5000, null, i => (Id: i, Square: i * i)).SetParallelism(2).Map(e => e.Square - (e.Id * e.Id) + e.Id);

        var result = await env.ExecuteAndCollectAsync(stream);

        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), result.Order());
    }
}
