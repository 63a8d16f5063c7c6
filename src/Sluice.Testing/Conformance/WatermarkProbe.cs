using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Time;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sources;

namespace Sluice.Testing.Conformance;

/// <summary>
/// A source in the runtime's source operator at parallelism 1, with <see cref="BatchCountWatermarks"/> per split,
/// idleness after a timeout, and a <see cref="ManualTimeProvider"/>: what the conformance kits' watermark checks drive.
/// </summary>
/// <typeparam name="TSplit">The split type.</typeparam>
internal sealed class WatermarkProbe<TSplit> : IDisposable
    where TSplit : ISourceSplit
{
    /// <summary>The idleness timeout of the probes.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);

    private readonly BatchCountingSource<TSplit> _source;
    private readonly OperatorHarness _harness;
    private readonly SourceOperator<TSplit> _operator;
    private readonly Output _output = new();
    private readonly TimeSpan _readTimeout;

    public WatermarkProbe(ISource<TSplit> source, TimeSpan idleTimeout, TimeSpan readTimeout)
    {
        _readTimeout = readTimeout;
        _source = new BatchCountingSource<TSplit>(source);
        var strategy = WatermarkStrategy.Custom(() => new BatchCountWatermarks()).WithIdleness(idleTimeout);
        _operator = new SourceOperator<TSplit>(_source, strategy) { IdleStatusChanged = IdleChanges.Add };
        _harness = new OperatorHarness(_operator).Open();
    }

    /// <summary>Every change of the source's idle status, in order.</summary>
    public List<bool> IdleChanges { get; } = [];

    /// <summary>The watermarks the source emitted.</summary>
    public List<long> Watermarks => _output.Watermarks;

    /// <summary>The rows the source emitted.</summary>
    public int Rows => _output.Rows;

    public void AdvanceClock(TimeSpan delta) => _harness.AdvanceProcessingTime(delta);

    public void EmitPeriodicWatermark() => _operator.EmitPeriodicWatermark(_output);

    /// <summary>Polls once; true when the source has more.</summary>
    public InputStatus Poll() => _operator.PollNext(_output);

    public void PollUntilRows(int count) =>
        Polling.Until(() => Poll() == InputStatus.MoreAvailable, () => _output.Rows >= count, _readTimeout, () => $"{_output.Rows} of {count} rows");

    public void PollRounds(int rounds)
    {
        for (var r = 0; r < rounds; r++)
        {
            Poll();
        }
    }

    /// <summary>The batches each unfinished split emitted (0 for a split without data).</summary>
    public Dictionary<string, int> BatchesPerSplit() =>
        _source.Batches.Where(p => !_source.Finished.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public void Dispose() => _harness.Dispose();

    private sealed class Output : IOutput
    {
        public int Rows { get; private set; }

        public List<long> Watermarks { get; } = [];

        public void Collect(IBatch batch)
        {
            Rows += batch.RowCount;
            batch.Dispose();
        }

        public void EmitWatermark(Watermark watermark) => Watermarks.Add(watermark.Timestamp);
    }
}
