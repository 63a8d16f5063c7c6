using Sluice.DataStream.Functions;
using Sluice.DataStream.Windowing;

namespace Sluice.DataStream.Joining;

/// <summary>
/// The window function of window joins and co-groups: splits a window's tagged elements back into the two inputs (in
/// arrival order) and calls the co-group function once per key and window.
/// </summary>
internal sealed class CoGroupWindowFunction<T1, T2, TKey, TOut>(Action<IEnumerable<T1>, IEnumerable<T2>, Collector<TOut>> coGroup)
    : ProcessWindowFunction<TaggedUnion<T1, T2>, TOut, TKey>
    where TKey : notnull
{
    public override void Process(TKey key, ProcessWindowContext context, IEnumerable<TaggedUnion<T1, T2>> elements, Collector<TOut> output)
    {
        var firsts = new List<T1>();
        var seconds = new List<T2>();
        foreach (var e in elements)
        {
            if (e.IsFirst)
            {
                firsts.Add(e.First);
            }
            else
            {
                seconds.Add(e.Second);
            }
        }

        coGroup(firsts, seconds, output);
    }
}
