using Sluice.Allocation.Tests.Scenarios;

namespace Sluice.Benchmarks;

/// <summary>The regular inner join probing 1024 bids per batch against 1000 auctions in state.</summary>
public class JoinProbeBenchmarks : ScenarioBenchmark
{
    protected override OperatorScenario Create() => SqlScenarios.JoinProbe();
}
