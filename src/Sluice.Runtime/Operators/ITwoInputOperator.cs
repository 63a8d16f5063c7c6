namespace Sluice.Runtime.Operators;

/// <summary>
/// Marks an operator with two inputs: batches arrive through
/// <see cref="StreamOperator.ProcessBatch(int, Sluice.Core.Batches.IBatch, IOutput)"/> with the input index,
/// and the watermark is the minimum of both inputs.
/// </summary>
public interface ITwoInputOperator
{
}
