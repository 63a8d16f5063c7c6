using Sluice.Connectors.Files.Sink;
using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Messages;
using Sluice.Core.Time;
using Sluice.CrashJob;
using Sluice.Integration.Tests.Support;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Partitioning;
using Sluice.State.Checkpoints;
using Sluice.Testing.Sources;
using Xunit.Abstractions;

namespace Sluice.Integration.Tests.Savepoints;

/// <summary>
/// Savepoints for upgrades and rescaling (reliability.md T4): stop-with-savepoint at parallelism 2, resume at 1 and
/// at 4 (key groups and source splits redistribute), and the committed output equals an uninterrupted run's; a job
/// whose operator ids changed refuses the savepoint, naming the operator, unless non-restored state is allowed.
/// </summary>
public sealed class SavepointTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly TempDirectory _temp = new("savepoint");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task StopWithSavepointAtParallelism2_ResumedAt1And4_OutputEqualsUninterruptedRun()
    {
        // The uninterrupted run (itself checked against the ground truth).
        var goldenDir = _temp.Sub("golden");
        var golden = await LocalExecutor.RunAsync(SequenceJob.Build(Source(throttled: false), SequenceJob.FileSink(goldenDir), 2),
            new JobConfig { CheckpointStorage = new DirectoryCheckpointStorage(_temp.Sub("golden-chk")) }).WaitAsync(Timeout);
        Assert.True(golden.Status == JobStatus.Finished, $"The uninterrupted run ended {golden.Status}: {golden.Failure}");
        var goldenLines = SinkOutput.CommittedLines(goldenDir);
        var truth = OutputComparison.Compare(Source(throttled: false).AllEvents().Select(SequenceJob.ExpectedLine), goldenLines);
        Assert.True(truth.IsExact, truth.Describe("uninterrupted run vs ground truth"));

        var (savepoint, firstDir) = await RunAndStopWithSavepoint();
        foreach (var parallelism in new[] { 1, 4 })
        {
            // The savepoint holds the sink's committables relative to its folder: the resumed job writes into a copy
            // of the first run's output, as an upgrade moves output and savepoint together.
            var resumedDir = _temp.Sub($"resumed-p{parallelism}");
            SinkOutput.CopyFiles(firstDir, resumedDir);
            var config = new JobConfig
            {
                RestoreFrom = savepoint,
                CheckpointInterval = TimeSpan.FromMilliseconds(100),
                CheckpointStorage = new DirectoryCheckpointStorage(_temp.Sub($"resumed-p{parallelism}-chk")),
            };
            var result = await LocalExecutor.RunAsync(SequenceJob.Build(Source(throttled: false), SequenceJob.FileSink(resumedDir), parallelism), config)
                .WaitAsync(Timeout);

            var context = $"resumed at parallelism {parallelism} from {savepoint}: {result.Status}";
            Assert.True(result.Status == JobStatus.Finished, $"{context}; failure: {result.Failure}");
            var comparison = OutputComparison.Compare(goldenLines, SinkOutput.CommittedLines(resumedDir));
            Assert.True(comparison.IsExact, comparison.Describe($"{context}; output vs the uninterrupted run's"));
            Assert.Empty(SinkOutput.HiddenFiles(resumedDir));
        }
    }

    [Fact]
    public async Task RestoreIntoJobWithChangedOperatorIds_FailsNamingTheOperator_UnlessNonRestoredStateIsAllowed()
    {
        var (savepoint, firstDir) = await RunAndStopWithSavepoint();

        // Version 2 of the job: the keyed check (id "check") is replaced by a stateless operator with another id.
        var refusedDir = _temp.Sub("v2-refused");
        SinkOutput.CopyFiles(firstDir, refusedDir);
        var refused = await LocalExecutor.RunAsync(Version2(refusedDir), new JobConfig { RestoreFrom = savepoint }).WaitAsync(Timeout);

        Assert.Equal(JobStatus.Failed, refused.Status);
        var error = Assert.IsType<CheckpointException>(refused.Failure);
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Contains($"'{SequenceJob.CheckId}'", error.Message, StringComparison.Ordinal);
        output.WriteLine($"Refused as expected: {error.Message}");

        // Allowing non-restored state drops the check's state; the source and sink state still restore, so the
        // output continues exactly where the savepoint left off.
        var allowedDir = _temp.Sub("v2-allowed");
        SinkOutput.CopyFiles(firstDir, allowedDir);
        var allowed = await LocalExecutor.RunAsync(Version2(allowedDir), new JobConfig { RestoreFrom = savepoint, AllowNonRestoredState = true })
            .WaitAsync(Timeout);

        Assert.True(allowed.Status == JobStatus.Finished, $"With non-restored state allowed the job ended {allowed.Status}: {allowed.Failure}");
        var comparison = OutputComparison.Compare(Source(throttled: false).AllEvents().Select(SequenceJob.ExpectedLine),
            SinkOutput.CommittedLines(allowedDir));
        Assert.True(comparison.IsExact, comparison.Describe("version 2 resumed with non-restored state allowed"));
    }

    /// <summary>
    /// 4 splits x 20,000 rows over 64 keys. Throttled (5,000 rows/s per source subtask: 8 s at parallelism 2) for the
    /// run that is stopped, so it is stopped in the middle; unthrottled otherwise.
    /// </summary>
    private static SequenceSource Source(bool throttled) => new(new SequenceSourceOptions
    {
        Splits = 4,
        KeysPerSplit = 16,
        RowsPerSplit = 20_000,
        BatchSize = 200,
        RowsPerSecond = throttled ? 5_000 : null,
    });

    /// <summary>Runs the job at parallelism 2 until some output is committed, then stops it with a savepoint.</summary>
    private async Task<(string Savepoint, string OutputDir)> RunAndStopWithSavepoint()
    {
        var firstDir = _temp.Sub("first");
        var config = new JobConfig
        {
            CheckpointInterval = TimeSpan.FromMilliseconds(100),
            CheckpointStorage = new DirectoryCheckpointStorage(_temp.Sub("first-chk")),
        };
        await using var client = LocalExecutor.Start(SequenceJob.Build(Source(throttled: true), SequenceJob.FileSink(firstDir), 2), config);
        var committed = await Poll.UntilAsync(() => client.Completion.IsCompleted || SinkOutput.CommittedFiles(firstDir).Count >= 2, Timeout);
        if (client.Completion.IsCompleted)
        {
            var ended = await client.Completion;
            Assert.Fail($"The first run ended before it was stopped: {ended.Status}, {ended.Failure}");
        }

        Assert.True(committed, $"The first run committed no output within {Timeout}: {client.Status}");

        var savepoint = await client.StopWithSavepointAsync(_temp.Sub("savepoints")).WaitAsync(Timeout);
        var result = await client.Completion.WaitAsync(Timeout);
        Assert.True(result.Status == JobStatus.Stopped, $"Stop-with-savepoint ended the job {result.Status}: {result.Failure}");
        Assert.Equal(savepoint, result.SavepointPath);
        var metadata = await DirectoryCheckpointStorage.LoadAsync(savepoint, CancellationToken.None);
        Assert.Equal(CheckpointKind.Savepoint, metadata.Kind);

        // Everything up to the savepoint is committed, nothing after it was written, and the job really stopped midway.
        Assert.Empty(SinkOutput.HiddenFiles(firstDir));
        var lines = SinkOutput.CommittedLines(firstDir).Count;
        var total = Source(throttled: false).AllEvents().Count();
        output.WriteLine($"Stopped with savepoint {savepoint} after {lines} of {total} lines");
        Assert.InRange(lines, 1, total - 1);
        return (savepoint, firstDir);
    }

    /// <summary>source → hash → relabel (id "relabel", stateless; replaces "check") → file sink, at parallelism 2.</summary>
    private static JobGraph Version2(string outputDir)
    {
        var source = Source(throttled: false);
        var graph = new JobGraph("sequence-check-v2");
        var src = graph.AddSource(SequenceJob.SourceId, "Sequence source", 2,
            () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.BoundedOutOfOrderness(TimeSpan.FromMilliseconds(500))));
        var relabel = graph.AddOperator("relabel", "Relabel", 2, () => new RelabelOperator());
        var sink = SequenceJob.FileSink(outputDir);
        var output = graph.AddOperator(SequenceJob.SinkId, "File sink", 2, () => new SinkOperator<FileCommittable>(sink));
        graph.Connect(src, relabel, PartitionerKind.Hash, new ElementKeySelector<SequenceEvent, long>(e => e.Key, KeyHashers.Int64));
        graph.Connect(relabel, output, PartitionerKind.Forward);
        return graph;
    }
}
