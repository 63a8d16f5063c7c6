using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Testing;
using Sluice.Testing.Operators;
using Sluice.Testing.Sinks;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Checkpointing;

/// <summary>
/// Unbounded jobs that run on a <see cref="ManualTimeProvider"/>: their source is throttled by processing time, so it
/// emits nothing until the test advances the clock, and every timer (checkpoint interval and timeout, watermarks)
/// fires only when the test says so.
/// </summary>
internal static class QuietJobs
{
    /// <summary>source → hash → sequence check → collect sink, unbounded, 10 rows per second of manual time.</summary>
    public static JobGraph SequenceCheck(CollectStore<SequenceCount> store, int parallelism = 1) =>
        TestJobs.SequenceCheck(Source(), store, parallelism);

    public static SequenceSource Source() =>
        new(new SequenceSourceOptions { Splits = 2, KeysPerSplit = 4, RowsPerSplit = null, BatchSize = 5, RowsPerSecond = 10 });

    public static async Task WaitUntilRunningAsync(JobClient client) =>
        await Eventually.TrueAsync(() => client.Status == JobStatus.Running, "the job to run");
}
