using Sluice.Core.Batches;
using Sluice.Runtime.Operators;

namespace Sluice.Benchmarks;

/// <summary>
/// A blackhole: counts the rows it receives (and optionally sums a weight per row), then drops the batch. Costs one
/// interlocked update per batch, so it does not limit the job it terminates.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class CountingSinkOperator<T>(RowCounter counter, Func<T, long>? weight = null) : StreamOperator
{
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        long total = 0;
        if (weight is not null && batch is ElementBatch<T> elements)
        {
            foreach (var item in elements.Items)
            {
                total += weight(item);
            }
        }

        counter.Add(batch.RowCount, total);
        batch.Dispose();
    }
}
