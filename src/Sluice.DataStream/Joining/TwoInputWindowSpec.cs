using Sluice.DataStream.Functions;
using Sluice.DataStream.Types;
using Sluice.DataStream.Windowing;

namespace Sluice.DataStream.Joining;

/// <summary>
/// What a window join or co-group was configured with, and how it is built (as Flink does): both inputs are tagged and
/// unioned, keyed by their key functions and windowed; each window's elements are split back into the two inputs.
/// </summary>
internal sealed class TwoInputWindowSpec<T1, T2, TKey>(
    DataStream<T1> first, DataStream<T2> second, Func<T1, TKey> keyOf1, Func<T2, TKey> keyOf2, ITypeInfo<TKey> keyType, WindowAssigner assigner)
    where TKey : notnull
{
    public Trigger? Trigger { get; set; }

    public TimeSpan AllowedLateness { get; set; }

    public DataStream<TOut> Build<TOut>(Action<IEnumerable<T1>, IEnumerable<T2>, Collector<TOut>> coGroup, string name)
    {
        var tagged = first.Map(TaggedUnion<T1, T2>.OfFirst).Name($"{name}: tag first input")
            .Union(second.Map(TaggedUnion<T1, T2>.OfSecond).Name($"{name}: tag second input"));
        var windowed = tagged.KeyBy(u => u.IsFirst ? keyOf1(u.First) : keyOf2(u.Second), keyType).Window(assigner);
        if (Trigger is { } trigger)
        {
            windowed.Trigger(trigger);
        }

        if (AllowedLateness > TimeSpan.Zero)
        {
            windowed.AllowedLateness(AllowedLateness);
        }

        var serializer = new TaggedUnionSerializer<T1, T2>(TypeInfos.SerializerOf<T1>(), TypeInfos.SerializerOf<T2>());
        return windowed.Process(new CoGroupWindowFunction<T1, T2, TKey, TOut>(coGroup), serializer).Name(name);
    }
}
