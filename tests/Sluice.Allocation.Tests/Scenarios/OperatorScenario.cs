using Sluice.Core.Batches;
using Sluice.Testing;

namespace Sluice.Allocation.Tests.Scenarios;

/// <summary>
/// One hot operator in steady state, for the allocation budgets and the micro-benchmarks: a harness around the
/// operator and a source of input batches. <see cref="NextInput"/> makes the next input (its allocation is the
/// baseline, measured apart); <see cref="Process"/> pushes it through the operator (plus whatever watermark the
/// scenario needs) and drops the output.
/// </summary>
public abstract class OperatorScenario : IDisposable
{
    /// <summary>The scenario's name, as used in tables.</summary>
    public abstract string Name { get; }

    /// <summary>The number of input rows per batch.</summary>
    public abstract int RowsPerBatch { get; }

    /// <summary>The number of rows the operator emitted so far (the scenario is checked to do real work).</summary>
    public long OutputRows { get; protected set; }

    /// <summary>Makes the next input batch (owned by the caller).</summary>
    public abstract IBatch NextInput();

    /// <summary>Processes <paramref name="input"/> (ownership passes to the operator) and disposes the output.</summary>
    public abstract void Process(IBatch input);

    /// <summary>One step: <see cref="NextInput"/> then <see cref="Process"/>.</summary>
    public void Step() => Process(NextInput());

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the harness and generators.</summary>
    protected abstract void Dispose(bool disposing);

    /// <summary>Counts the harness's output rows in <see cref="OutputRows"/> and disposes the output.</summary>
    protected void Drain(OperatorHarness harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var batches = harness.OutputBatches;
        for (var i = 0; i < batches.Count; i++)
        {
            OutputRows += batches[i].RowCount;
        }

        harness.ClearOutput();
    }
}
