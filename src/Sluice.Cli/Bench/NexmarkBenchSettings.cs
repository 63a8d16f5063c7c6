namespace Sluice.Cli.Bench;

/// <summary>What <c>sluice bench nexmark</c> runs, bound from its options.</summary>
/// <param name="Queries">The queries (q0..q22) in the order given.</param>
/// <param name="Events">The events each run generates.</param>
/// <param name="Parallelism">The parallelism of every operator.</param>
/// <param name="CheckpointInterval">The interval of exactly-once checkpoints (into a temporary folder).</param>
/// <param name="Json">True for one JSON object per line, false for a table.</param>
/// <param name="Runs">The runs per query; figures are medians.</param>
/// <param name="Baselines">Also run the hand-written and Rx.NET baselines.</param>
/// <param name="Rate">Latency mode: the events per second the generator paces itself to; null to generate at full speed.</param>
/// <param name="EngineOnly">Replay events generated before each run instead of generating them in the job.</param>
/// <param name="Configuration">Session configuration for every query (<c>--set key=value</c>), e.g. Flink's mini-batch settings.</param>
/// <param name="EventRate">
/// The events per second of event time when generating at full speed (<c>first-event.rate</c>); null for Flink's V1 setting,
/// <see cref="NexmarkBenchRunner.FullSpeedRate"/>. In latency mode the event time follows <paramref name="Rate"/>.
/// </param>
internal sealed record NexmarkBenchSettings(
    IReadOnlyList<string> Queries, long Events, int Parallelism, TimeSpan CheckpointInterval, bool Json, int Runs, bool Baselines, long? Rate,
    bool EngineOnly = false, IReadOnlyDictionary<string, string>? Configuration = null, long? EventRate = null)
{
    /// <summary>The events per second of event time of every run and baseline.</summary>
    public long EventTimeRate => Rate ?? EventRate ?? NexmarkBenchRunner.FullSpeedRate;
}
