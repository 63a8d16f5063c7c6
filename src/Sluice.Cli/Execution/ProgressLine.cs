using System.Globalization;
using Sluice.Cli.Output;
using Sluice.Runtime.Metrics;
using Sluice.Sql.Physical.Results;
using Sluice.State.Checkpoints;

namespace Sluice.Cli.Execution;

/// <summary>
/// The one-line summary of a running job: rows read by its sources and written by its sinks (or delivered as
/// results), with rates since the previous line, the watermark at its outputs, and the latest checkpoint, for example
/// <c>in 12,000 rows (4,000/s) · out 96 rows (32/s) · watermark 2024-03-01 10:00:00.000 · checkpoint 3, 2s ago</c>.
/// </summary>
/// <remarks>
/// Sources are the operators named <c>source:…</c> or <c>values</c>, outputs those named <c>sink:…</c> or
/// <c>collect</c> (the physical planner's names); when no name matches, operators that received nothing count as
/// sources and operators that emitted nothing as outputs. Not thread-safe: one caller asks for lines.
/// </remarks>
internal sealed class ProgressLine
{
    private readonly TimeProvider _time;
    private long _lastIn;
    private long _lastOut;
    private long _lastTimestamp;

    /// <summary>Creates the line; rates are measured with <paramref name="time"/>.</summary>
    public ProgressLine(TimeProvider time)
    {
        _time = time;
        _lastTimestamp = time.GetTimestamp();
    }

    /// <summary>The line for <paramref name="snapshot"/> (rates relative to the previous call).</summary>
    public string Describe(JobMetricsSnapshot snapshot, CheckpointMetadata? latestCheckpoint)
    {
        var operators = snapshot.Operators;
        var sources = operators.Where(o => IsSource(o.OperatorName)).ToList();
        var outputs = operators.Where(o => IsOutput(o.OperatorName)).ToList();
        if (sources.Count == 0)
        {
            sources = [.. operators.Where(o => o.RecordsIn == 0)];
        }

        if (outputs.Count == 0)
        {
            outputs = [.. operators.Where(o => o.RecordsOut == 0 && o.RecordsIn > 0)];
        }

        var recordsIn = sources.Sum(o => o.RecordsOut);
        var recordsOut = outputs.Sum(o => o.RecordsIn);
        var now = _time.GetTimestamp();
        var seconds = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        var rateIn = seconds > 0 ? (recordsIn - _lastIn) / seconds : 0;
        var rateOut = seconds > 0 ? (recordsOut - _lastOut) / seconds : 0;
        _lastIn = recordsIn;
        _lastOut = recordsOut;
        _lastTimestamp = now;

        var watermark = (outputs.Count > 0 ? outputs : operators).Select(o => o.Watermark).DefaultIfEmpty(long.MinValue).Min();
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"in {recordsIn:N0} rows ({Math.Max(0, rateIn):N0}/s)"),
            string.Create(CultureInfo.InvariantCulture, $"out {recordsOut:N0} rows ({Math.Max(0, rateOut):N0}/s)"),
            "watermark " + WatermarkText(watermark),
            CheckpointText(snapshot, latestCheckpoint),
        };
        if (snapshot.Restarts > 0)
        {
            parts.Add(snapshot.Restarts == 1 ? "1 restart" : $"{snapshot.Restarts} restarts");
        }

        return string.Join(" · ", parts);
    }

    /// <summary>An event-time watermark in milliseconds as a <c>TIMESTAMP(3)</c>, or none/end.</summary>
    public static string WatermarkText(long watermark) => watermark switch
    {
        long.MinValue => "none",
        long.MaxValue => "end of input",
        _ => ResultText.FormatTimestamp(watermark * 1000, 3),
    };

    private string CheckpointText(JobMetricsSnapshot snapshot, CheckpointMetadata? latest)
    {
        if (latest is null)
        {
            return snapshot.CheckpointsFailed > 0 ? $"no checkpoint ({snapshot.CheckpointsFailed} failed)" : "no checkpoint";
        }

        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(latest.TimestampMillis);
        var ago = age < TimeSpan.Zero ? "just now" : age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds}s ago" : $"{(int)age.TotalMinutes}min ago";
        return string.Create(CultureInfo.InvariantCulture, $"checkpoint {latest.CheckpointId}, {ago}");
    }

    private static bool IsSource(string name) => name.StartsWith("source:", StringComparison.Ordinal) || name == "values";

    private static bool IsOutput(string name) => name.StartsWith("sink:", StringComparison.Ordinal) || name == "collect";
}
