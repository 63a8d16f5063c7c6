using BenchmarkDotNet.Attributes;
using Sluice.Allocation.Tests.Scenarios;

namespace Sluice.Benchmarks;

/// <summary>Window assignment and the window aggregate (COUNT(*), SUM per auction) on 1024 bids per batch; windows fire as the watermark advances.</summary>
public class WindowAggregateBenchmarks : ScenarioBenchmark
{
    [Params("TUMBLE", "HOP")]
    public string Window { get; set; } = "TUMBLE";

    protected override OperatorScenario Create() => Window == "TUMBLE" ? SqlScenarios.TumbleAggregate() : SqlScenarios.HopAggregate();
}
