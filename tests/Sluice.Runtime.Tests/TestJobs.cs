using Sluice.Core.Keys;
using Sluice.Core.Time;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Partitioning;
using Sluice.Testing.Faults;
using Sluice.Testing.Operators;
using Sluice.Testing.Sinks;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests;

/// <summary>Job graphs shared by the runtime tests.</summary>
internal static class TestJobs
{
    /// <summary>source → hash(key) → sequence check → collect sink.</summary>
    public static JobGraph SequenceCheck(SequenceSource source, CollectStore<SequenceCount> store, int parallelism,
        FailureInjector? failures = null)
    {
        var graph = new JobGraph("sequence-check");
        var src = graph.AddSource("source", "Sequence source", parallelism,
            () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.BoundedOutOfOrderness(TimeSpan.FromMilliseconds(500))));
        var check = graph.AddOperator("check", "Sequence check", parallelism, () => new SequenceCheckOperator(failures));
        var sink = graph.AddOperator("sink", "Collect sink", parallelism, () => new SinkOperator<string>(new CollectSink<SequenceCount>(store)));
        graph.Connect(src, check, PartitionerKind.Hash, new ElementKeySelector<SequenceEvent, long>(e => e.Key, KeyHashers.Int64));
        graph.Connect(check, sink, PartitionerKind.Forward);
        return graph;
    }
}
