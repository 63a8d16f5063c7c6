using BenchmarkDotNet.Attributes;
using Sluice.Allocation.Tests.Scenarios;

namespace Sluice.Benchmarks;

/// <summary>The DataStream API's typed operators on a value-type bid, 1024 per batch.</summary>
public class DataStreamBenchmarks : ScenarioBenchmark
{
    [Params("map", "filter", "keyBy+reduce", "tumbling-window")]
    public string Operator { get; set; } = "map";

    protected override OperatorScenario Create() => Operator switch
    {
        "map" => DataStreamScenarios.Map(),
        "filter" => DataStreamScenarios.Filter(),
        "keyBy+reduce" => DataStreamScenarios.KeyByReduce(),
        _ => DataStreamScenarios.TumblingWindowReduce(),
    };
}
