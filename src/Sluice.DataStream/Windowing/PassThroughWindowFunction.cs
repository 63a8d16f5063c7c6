using Sluice.DataStream.Functions;

namespace Sluice.DataStream.Windowing;

/// <summary>Emits the window function's input as is (the reduced value or the aggregate's result).</summary>
internal sealed class PassThroughWindowFunction<T, TKey> : ProcessWindowFunction<T, T, TKey>
    where TKey : notnull
{
    public override void Process(TKey key, ProcessWindowContext context, IEnumerable<T> elements, Collector<T> output)
    {
        // Reduced and aggregated windows pass their one value as an array: index it, as enumerating it through
        // IEnumerable would allocate an enumerator per fired window.
        if (elements is T[] array)
        {
            foreach (var e in array)
            {
                output.Collect(e);
            }

            return;
        }

        foreach (var e in elements)
        {
            output.Collect(e);
        }
    }
}
