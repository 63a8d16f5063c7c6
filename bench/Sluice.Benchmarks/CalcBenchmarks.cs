using BenchmarkDotNet.Attributes;
using Sluice.Allocation.Tests.Scenarios;

namespace Sluice.Benchmarks;

/// <summary>Calc (filter and projection compiled from SQL) on 1024 bids per batch.</summary>
public class CalcBenchmarks : ScenarioBenchmark
{
    [Params("project", "filter+project")]
    public string Variant { get; set; } = "project";

    protected override OperatorScenario Create() => Variant == "project" ? SqlScenarios.Project() : SqlScenarios.FilterProject();
}
