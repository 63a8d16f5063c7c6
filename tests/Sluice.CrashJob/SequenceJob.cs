using System.Globalization;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Files.Formats;
using Sluice.Connectors.Files.Sink;
using Sluice.Core.Keys;
using Sluice.Core.Time;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Partitioning;
using Sluice.Testing.Faults;
using Sluice.Testing.Operators;
using Sluice.Testing.Sources;

namespace Sluice.CrashJob;

/// <summary>
/// The job of the crash tests: sequence source → hash(key) → sequence check (fails on a skipped or repeated
/// sequence number) → exactly-once file sink writing one line <c>key,seq,count</c> per event.
/// Compiled into the crash-job program and (linked) into the integration tests, so both run the same job.
/// </summary>
internal static class SequenceJob
{
    public const string SourceId = "source";
    public const string CheckId = "check";
    public const string SinkId = "sink";

    /// <summary>The output line of one event.</summary>
    public static string FormatLine(SequenceCount c) => string.Create(CultureInfo.InvariantCulture, $"{c.Key},{c.Seq},{c.Count}");

    /// <summary>The line an exactly-once run writes for <paramref name="e"/>: its count equals its sequence number.</summary>
    public static string ExpectedLine(SequenceEvent e) => FormatLine(new SequenceCount(e.Key, e.Seq, e.Seq));

    /// <summary>The exactly-once file sink writing <see cref="FormatLine"/> lines into <paramref name="directory"/>.</summary>
    public static TransactionalFileSink FileSink(string directory) => new(new FileSinkOptions
    {
        Directory = directory,
        Encoder = LineEncoder.ForElements<SequenceCount>(FormatLine),
        PartSuffix = ".txt",
    });

    /// <summary>Builds the job graph.</summary>
    /// <param name="source">The source (its options give the ground truth).</param>
    /// <param name="sink">The sink of the check's output (e.g. <see cref="FileSink"/>, possibly decorated).</param>
    /// <param name="parallelism">Every operator's parallelism.</param>
    /// <param name="operatorFailures">Failures injected into the check operator, or null.</param>
    public static JobGraph Build(SequenceSource source, ISink<FileCommittable> sink, int parallelism, FailureInjector? operatorFailures = null)
    {
        var graph = new JobGraph("sequence-check");
        var src = graph.AddSource(SourceId, "Sequence source", parallelism,
            () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.BoundedOutOfOrderness(TimeSpan.FromMilliseconds(500))));
        var check = graph.AddOperator(CheckId, "Sequence check", parallelism, () => new SequenceCheckOperator(operatorFailures));
        var output = graph.AddOperator(SinkId, "File sink", parallelism, () => new SinkOperator<FileCommittable>(sink));
        graph.Connect(src, check, PartitionerKind.Hash, new ElementKeySelector<SequenceEvent, long>(e => e.Key, KeyHashers.Int64));
        graph.Connect(check, output, PartitionerKind.Forward);
        return graph;
    }
}
