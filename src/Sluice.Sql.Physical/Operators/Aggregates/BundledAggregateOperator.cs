using Sluice.Core.Batches;
using Sluice.Runtime.Operators;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The operator shell of the group aggregations that fold their input per key and bundle
/// (<see cref="GroupAggregateOperator"/>, <see cref="GlobalGroupAggregateOperator"/>): batches go to the bundle, which
/// is folded before every barrier (so the snapshot holds it) and at end of input.
/// </summary>
public abstract class BundledAggregateOperator : StreamOperator
{
    private BundledGroupAggregation? _aggregation;

    private protected BundledAggregateOperator()
    {
    }

    /// <summary>The number of rows buffered in the current bundle (always 0 without mini-batch).</summary>
    public long BufferedRows => Aggregation.BufferedRows;

    /// <summary>The aggregation, set once by the subclass's constructor.</summary>
    private protected BundledGroupAggregation Aggregation
    {
        get => _aggregation ?? throw new InvalidOperationException("The aggregation is not set.");
        init => _aggregation = value;
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        Aggregation.Open(context);
    }

    /// <inheritdoc />
    public override void Close()
    {
        Aggregation.Dispose();
        base.Close();
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (batch is not RecordBatch records)
        {
            batch?.Dispose();
            throw new ArgumentException($"{GetType().Name} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        }

        Aggregation.Add(records, output);
    }

    /// <summary>Folds the buffered bundle, so that its changes precede the barrier and the snapshot holds them.</summary>
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => Aggregation.Flush(output);

    /// <summary>End of input: folds the buffered bundle.</summary>
    public override void Finish(IOutput output) => Aggregation.Flush(output);
}
