using System.Buffers;
using Sluice.Core.Batches;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Operators;

/// <summary>Keeps the elements that satisfy a predicate; a batch that keeps every element is handed on as is. Stateless.</summary>
internal sealed class FilterOperator<T>(Func<T, bool> predicate) : DataStreamOperator
{
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (!Inputs.TryAccept<T>(batch, out var input))
        {
            return;
        }

        IBatch? result;
        var rows = ArrayPool<int>.Shared.Rent(Math.Max(1, input.RowCount));
        try
        {
            var items = input.Items;
            var kept = 0;
            for (var i = 0; i < items.Length; i++)
            {
                if (predicate(items[i]))
                {
                    rows[kept++] = i;
                }
            }

            result = kept == items.Length ? input : kept == 0 ? null : input.Gather(rows.AsSpan(0, kept));
        }
        catch
        {
            input.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }

        if (!ReferenceEquals(result, input))
        {
            input.Dispose();
        }

        if (result is not null)
        {
            output.Collect(result);
        }
    }

    protected override void FlushOutputs(IOutput output)
    {
    }
}
