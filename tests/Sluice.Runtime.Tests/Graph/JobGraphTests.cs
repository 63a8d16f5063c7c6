using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Partitioning;
using Sluice.Runtime.Tests.Operators;

namespace Sluice.Runtime.Tests.Graph;

public class JobGraphTests
{
    private static readonly Func<Sluice.Runtime.Operators.StreamOperator> Factory = () => new PassThroughOperator();

    [Fact]
    public void Validate_WellFormedGraph_Passes()
    {
        var graph = new JobGraph("ok");
        var source = graph.AddSource("src", "Source", 2, Factory);
        var map = graph.AddOperator("map", "Map", 2, Factory);
        var agg = graph.AddOperator("agg", "Aggregate", 3, Factory);
        graph.Connect(source, map, PartitionerKind.Forward);
        graph.Connect(map, agg, PartitionerKind.Hash, new ElementKeySelector<long, long>(v => v, KeyHashers.Int64));

        graph.Validate(128);

        Assert.Equal(["src", "map", "agg"], graph.TopologicalOrder().Select(v => v.Id));
    }

    [Fact]
    public void Validate_Cycle_ThrowsJobExceptionNamingTheCycle()
    {
        var graph = new JobGraph("loopy");
        var source = graph.AddSource("src", "Source", 1, Factory);
        var a = graph.AddOperator("a", "A", 1, Factory);
        var b = graph.AddOperator("b", "B", 1, Factory);
        graph.Connect(source, a, PartitionerKind.Forward);
        graph.Connect(a, b, PartitionerKind.Rebalance);
        graph.Connect(b, a, PartitionerKind.Rebalance);

        var ex = Assert.Throws<JobException>(() => graph.Validate(128));

        Assert.Contains("cycle", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("loopy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ForwardEdgeWithUnequalParallelism_ThrowsJobExceptionNamingBothOperators()
    {
        var graph = new JobGraph("job");
        var source = graph.AddSource("src", "Reader", 2, Factory);
        var sink = graph.AddOperator("sink", "Writer", 3, Factory);
        graph.Connect(source, sink, PartitionerKind.Forward);

        var ex = Assert.Throws<JobException>(() => graph.Validate(128));

        Assert.Contains("forward", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Reader", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Writer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOperator_DuplicateId_ThrowsJobExceptionNamingTheId()
    {
        var graph = new JobGraph("job");
        graph.AddSource("orders", "Orders", 1, Factory);

        var ex = Assert.Throws<JobException>(() => graph.AddOperator("orders", "Other", 1, Factory));

        Assert.Contains("'orders'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unique", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(graph.Vertices);
    }

    [Fact]
    public void Validate_SourceWithInput_ThrowsJobExceptionNamingTheSource()
    {
        var graph = new JobGraph("job");
        var first = graph.AddSource("src1", "First source", 1, Factory);
        var second = graph.AddSource("src2", "Second source", 1, Factory);
        graph.Connect(first, second, PartitionerKind.Forward);

        var ex = Assert.Throws<JobException>(() => graph.Validate(128));

        Assert.Contains("Second source", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot have inputs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OperatorWithoutInput_ThrowsJobException()
    {
        var graph = new JobGraph("job");
        graph.AddSource("src", "Source", 1, Factory);
        graph.AddOperator("orphan", "Orphan", 1, Factory);

        var ex = Assert.Throws<JobException>(() => graph.Validate(128));

        Assert.Contains("Orphan", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no inputs", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    public void Validate_ParallelismOutsideOneToMaxParallelism_ThrowsJobException(int parallelism)
    {
        var graph = new JobGraph("job");
        graph.AddSource("src", "Source", parallelism, Factory);

        var ex = Assert.Throws<JobException>(() => graph.Validate(128));

        Assert.Contains("parallelism", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("128", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyGraph_ThrowsJobException()
    {
        var ex = Assert.Throws<JobException>(() => new JobGraph("nothing").Validate(128));

        Assert.Contains("no operators", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_HashEdgeWithoutKeySelector_ThrowsJobException()
    {
        var graph = new JobGraph("job");
        var source = graph.AddSource("src", "Source", 1, Factory);
        var agg = graph.AddOperator("agg", "Aggregate", 1, Factory);

        var ex = Assert.Throws<JobException>(() => graph.Connect(source, agg, PartitionerKind.Hash));

        Assert.Contains("key selector", ex.Message, StringComparison.Ordinal);
        Assert.Empty(graph.Edges);
    }

    [Fact]
    public void Start_InvalidGraph_ThrowsBeforeAnyTaskRuns()
    {
        var graph = new JobGraph("job");
        var source = graph.AddSource("src", "Source", 1, () => throw new InvalidOperationException("no operator may be created"));
        var a = graph.AddOperator("a", "A", 1, Factory);
        graph.Connect(source, a, PartitionerKind.Forward);
        graph.Connect(a, a, PartitionerKind.Forward);

        Assert.Throws<JobException>(() => LocalExecutor.Start(graph, new JobConfig()));
    }
}
