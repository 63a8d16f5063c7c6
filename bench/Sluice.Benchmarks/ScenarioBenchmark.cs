using BenchmarkDotNet.Attributes;
using Sluice.Allocation.Tests.Scenarios;

namespace Sluice.Benchmarks;

/// <summary>
/// One hot operator in steady state (the scenarios of the allocation budget tests): <see cref="Input"/> makes an input
/// batch and drops it (the baseline), <see cref="Batch"/> makes one and pushes it through the operator. The operator's
/// cost per batch is the difference; divide by <see cref="OperatorScenario.RowsPerBatch"/> for the cost per row.
/// </summary>
[MemoryDiagnoser]
public abstract class ScenarioBenchmark
{
    private OperatorScenario? _scenario;

    /// <summary>The scenario of the current parameters.</summary>
    protected abstract OperatorScenario Create();

    [GlobalSetup]
    public void Setup()
    {
        _scenario = Create();

        // Steady state before the first measurement: every key and window exists, pools are filled.
        for (var i = 0; i < 50; i++)
        {
            _scenario.Step();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _scenario?.Dispose();

    [Benchmark(Baseline = true)]
    public void Input() => _scenario!.NextInput().Dispose();

    [Benchmark]
    public void Batch() => _scenario!.Step();
}
