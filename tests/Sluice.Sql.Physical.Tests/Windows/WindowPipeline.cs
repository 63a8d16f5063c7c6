using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.Sql.Physical.Operators.Windows;
using Sluice.Testing;

namespace Sluice.Sql.Physical.Tests.Windows;

/// <summary>A <see cref="WindowAssignOperator"/> feeding an aggregation operator, each in its own harness, as a chain would.</summary>
internal sealed class WindowPipeline : IDisposable
{
    private readonly OperatorHarness _assign;

    public WindowPipeline(Schema input, WindowSpec window, Func<Schema, StreamOperator> aggregation, ManualTimeProvider? clock = null,
        bool processingTime = false, IReadOnlyList<OperatorSnapshot>? restoreFrom = null, int parallelism = 1, int subtask = 0)
    {
        var assign = new WindowAssignOperator(input, window, processingTime ? -1 : input.RowTimeIndex, processingTime);
        _assign = new OperatorHarness(assign, timeProvider: clock);
        Aggregation = new OperatorHarness(aggregation(assign.OutputSchema), parallelism, subtask, timeProvider: clock, restoreFrom: restoreFrom);
        AssignedSchema = assign.OutputSchema;
    }

    public Schema AssignedSchema { get; }

    public OperatorHarness Aggregation { get; }

    public void Push(RecordBatch batch)
    {
        _assign.ProcessBatch(batch);
        foreach (var assigned in _assign.OutputBatches.Cast<RecordBatch>())
        {
            Aggregation.ProcessBatch(assigned.Gather(Enumerable.Range(0, assigned.RowCount).ToArray()));
        }

        _assign.ClearOutput();
    }

    public void Watermark(long watermark)
    {
        _assign.ProcessWatermark(watermark);
        Aggregation.ProcessWatermark(watermark);
    }

    public void Dispose()
    {
        _assign.Dispose();
        Aggregation.Dispose();
    }
}
