using BenchmarkDotNet.Attributes;
using Sluice.Allocation.Tests.Scenarios;

namespace Sluice.Benchmarks;

/// <summary>COUNT(*), SUM, MAX GROUP BY a BIGINT key on 1024 bids per batch, insert-only or with retractions.</summary>
public class GroupAggregateBenchmarks : ScenarioBenchmark
{
    [Params("insert-only", "retractions")]
    public string Variant { get; set; } = "insert-only";

    protected override OperatorScenario Create() =>
        Variant == "insert-only" ? SqlScenarios.GroupAggregate() : SqlScenarios.GroupAggregateWithRetractions();
}
