using Sluice.Cli.Execution;
using Sluice.Runtime.Metrics;
using Sluice.State.Checkpoints;

namespace Sluice.Cli.Tests.Execution;

public class ProgressLineTests
{
    private sealed class ManualTime : TimeProvider
    {
        public long Ticks { get; set; }

        public DateTimeOffset Now { get; set; } = new(2024, 3, 6, 12, 0, 0, TimeSpan.Zero);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static OperatorMetricsSnapshot Op(string name, int subtask, long recordsIn, long recordsOut, long watermark) =>
        new(name + "-id", name, subtask, recordsIn, recordsOut, 0, 0, watermark, TimeSpan.Zero, TimeSpan.Zero);

    private static JobMetricsSnapshot Snapshot(params OperatorMetricsSnapshot[] operators) => new(operators, 0, 0, 0, 0, 0);

    [Fact]
    public void Describe_SourcesAndOutputs_CountsRatesWatermarkAndNoCheckpoint()
    {
        var time = new ManualTime();
        var line = new ProgressLine(time);
        time.Ticks += TimeSpan.TicksPerSecond * 2;

        var text = line.Describe(Snapshot(
            Op("source:orders", 0, 0, 600, long.MinValue),
            Op("source:orders", 1, 0, 400, long.MinValue),
            Op("calc", 0, 1000, 900, 1_709_726_400_000),
            Op("collect", 0, 90, 0, 1_709_726_400_000)), null);

        Assert.Equal("in 1,000 rows (500/s) · out 90 rows (45/s) · watermark 2024-03-06 12:00:00.000 · no checkpoint", text);
    }

    [Fact]
    public void Describe_SecondCall_RatesSinceThePreviousOne_AndTheLatestCheckpoint()
    {
        var time = new ManualTime();
        var line = new ProgressLine(time);
        time.Ticks += TimeSpan.TicksPerSecond;
        line.Describe(Snapshot(Op("values", 0, 0, 100, long.MinValue), Op("sink:out", 0, 100, 0, long.MinValue)), null);
        time.Ticks += TimeSpan.TicksPerSecond;
        var checkpoint = new CheckpointMetadata(7, Sluice.Core.Messages.CheckpointKind.Checkpoint, time.Now.AddSeconds(-3).ToUnixTimeMilliseconds(),
            "job", 128, [], new Dictionary<string, string>());

        var text = line.Describe(Snapshot(Op("values", 0, 0, 300, long.MaxValue), Op("sink:out", 0, 250, 0, long.MaxValue)), checkpoint);

        Assert.Equal("in 300 rows (200/s) · out 250 rows (150/s) · watermark end of input · checkpoint 7, 3s ago", text);
    }

    [Fact]
    public void Describe_UnknownOperatorNames_SourcesReceiveNothingOutputsEmitNothing()
    {
        var time = new ManualTime();
        var line = new ProgressLine(time);

        var text = line.Describe(Snapshot(Op("a", 0, 0, 10, long.MinValue), Op("b", 0, 10, 10, long.MinValue), Op("c", 0, 10, 0, long.MinValue)), null);

        Assert.StartsWith("in 10 rows (0/s) · out 10 rows (0/s) · watermark none", text, StringComparison.Ordinal);
    }
}
