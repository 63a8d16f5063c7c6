using Sluice.Core.Batches;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Operators;

/// <summary>
/// Applies a function to every element, batch to batch: one output batch per input batch, event times kept. No
/// allocation per element besides what the function allocates. Stateless.
/// </summary>
internal sealed class MapOperator<TIn, TOut>(Func<TIn, TOut> map) : DataStreamOperator
{
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (!Inputs.TryAccept<TIn>(batch, out var input))
        {
            return;
        }

        ElementBatch<TOut> result;
        try
        {
            var items = input.Items;
            result = new ElementBatch<TOut>(items.Length, input.HasTimestamps);
            if (input.HasTimestamps)
            {
                var ts = input.Timestamps;
                for (var i = 0; i < items.Length; i++)
                {
                    result.Add(map(items[i]), ts[i]);
                }
            }
            else
            {
                for (var i = 0; i < items.Length; i++)
                {
                    result.Add(map(items[i]));
                }
            }
        }
        finally
        {
            input.Dispose();
        }

        output.Collect(result);
    }

    protected override void FlushOutputs(IOutput output)
    {
    }
}
