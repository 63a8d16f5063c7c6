using Sluice.Core.Errors;
using Sluice.DataStream.Functions;
using Sluice.Runtime.Graph;

namespace Sluice.DataStream.Tests.Translation;

public class JobGraphTranslationTests
{
    private sealed class Identity : KeyedProcessFunction<int, int, int>
    {
        public override void ProcessElement(int value, KeyedProcessContext<int> context, Collector<int> output) => output.Collect(value);
    }

    private static StreamExecutionEnvironment Program(out StreamSink sink)
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions { Parallelism = 4 });
        sink = env.FromElements(1, 2, 3)
            .Map(i => i + 1)
            .KeyBy(i => i)
            .Process(new Identity()).Uid("identity")
            .Filter(i => i > 0)
            .Print(writer: TextWriter.Null);
        env.FromElements(9).Map(i => i); // not connected to a sink: not translated
        return env;
    }

    [Fact]
    public void BuildJobGraph_GeneratedIds_FollowTheProgramOrder_AndUidWins()
    {
        var graph = Program(out _).BuildJobGraph("ids");
        Assert.Equal(["0-source", "1-map", "identity", "3-filter", "4-print"], graph.Vertices.Select(v => v.Id));
        Assert.Equal(graph.Vertices.Select(v => v.Id), Program(out _).BuildJobGraph("again").Vertices.Select(v => v.Id));
    }

    [Fact]
    public void BuildJobGraph_Edges_RebalanceForwardAndHash()
    {
        var graph = Program(out _).BuildJobGraph("edges");
        Assert.Equal(
            [PartitionerKind.Rebalance, PartitionerKind.Hash, PartitionerKind.Forward, PartitionerKind.Forward],
            graph.Edges.Select(e => e.Partitioner));
        Assert.Equal([1, 4, 4, 4, 4], graph.Vertices.Select(v => v.Parallelism));
        graph.Validate(128);
    }

    [Fact]
    public void BuildJobGraph_DuplicateUid_IsRejectedNamingIt()
    {
        var env = new StreamExecutionEnvironment();
        env.FromElements(1).Uid("same").Map(i => i).Uid("same").Print(writer: TextWriter.Null);
        var ex = Assert.Throws<JobException>(() => env.BuildJobGraph());
        Assert.Contains("'same'", ex.Message);
    }

    [Fact]
    public void BuildJobGraph_NoSink_IsRejected()
    {
        var env = new StreamExecutionEnvironment();
        env.FromElements(1).Map(i => i);
        Assert.Throws<JobException>(() => env.BuildJobGraph());
    }

    [Fact]
    public void BuildJobConfig_MapsTheOptions()
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions
        {
            MaxParallelism = 64,
            CheckpointInterval = TimeSpan.FromSeconds(3),
            CheckpointDirectory = Path.GetTempPath(),
            CheckpointingMode = Runtime.Execution.CheckpointingMode.AtLeastOnce,
        });
        var config = env.BuildJobConfig();
        Assert.Equal(64, config.MaxParallelism);
        Assert.Equal(TimeSpan.FromSeconds(3), config.CheckpointInterval);
        Assert.NotNull(config.CheckpointStorage);
        Assert.Equal(Runtime.Execution.CheckpointingMode.AtLeastOnce, config.CheckpointingMode);
    }

    [Fact]
    public void SideOutput_SelectorFollowsTheProducersParallelism()
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions { Parallelism = 2 });
        var tag = new OutputTag<string>("late");
        var main = env.FromElements(1).Map(i => i);
        var side = main.GetSideOutput(tag);
        main.SetParallelism(3);
        side.Print(writer: TextWriter.Null);
        var graph = env.BuildJobGraph();
        Assert.Equal(3, graph.Vertices.Single(v => v.Id == side.Id).Parallelism);
    }
}
