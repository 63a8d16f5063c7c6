using Sluice.Core.Serialization;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Joining;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Translation;
using Sluice.DataStream.Types;

namespace Sluice.DataStream;

/// <summary>
/// An interval join (Flink's semantics): for each key, every first-stream element at <c>a.ts</c> is joined with every
/// second-stream element with <c>b.ts</c> in <c>[a.ts + lower, a.ts + upper]</c>. Both sides are kept in keyed state
/// until the watermark passes the point after which they can no longer join; elements behind the watermark are dropped
/// (or emitted to the late side outputs).
/// Results carry the later of the two event times.
/// </summary>
/// <remarks>Needs event time on both inputs. The configuration methods return this object.</remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T1">The first stream's element type.</typeparam>
/// <typeparam name="T2">The second stream's element type.</typeparam>
public sealed class IntervalJoined<TKey, T1, T2>
    where TKey : notnull
{
    private readonly KeyedStream<TKey, T1> _first;
    private readonly KeyedStream<TKey, T2> _second;
    private readonly long _lower;
    private readonly long _upper;
    private bool _lowerExclusive;
    private bool _upperExclusive;
    private OutputTag<T1>? _leftLateTag;
    private OutputTag<T2>? _rightLateTag;

    internal IntervalJoined(KeyedStream<TKey, T1> first, KeyedStream<TKey, T2> second, long lower, long upper)
    {
        _first = first;
        _second = second;
        _lower = lower;
        _upper = upper;
    }

    /// <summary>Excludes the lower bound: <c>b.ts &gt; a.ts + lower</c>.</summary>
    public IntervalJoined<TKey, T1, T2> LowerBoundExclusive()
    {
        _lowerExclusive = true;
        return this;
    }

    /// <summary>Excludes the upper bound: <c>b.ts &lt; a.ts + upper</c>.</summary>
    public IntervalJoined<TKey, T1, T2> UpperBoundExclusive()
    {
        _upperExclusive = true;
        return this;
    }

    /// <summary>Emits first-stream elements that arrive behind the watermark to <paramref name="tag"/> (select it with <c>GetSideOutput</c> on the result) instead of dropping them.</summary>
    public IntervalJoined<TKey, T1, T2> SideOutputLeftLateData(OutputTag<T1> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        _leftLateTag = tag;
        return this;
    }

    /// <summary>Emits second-stream elements that arrive behind the watermark to <paramref name="tag"/> instead of dropping them.</summary>
    public IntervalJoined<TKey, T1, T2> SideOutputRightLateData(OutputTag<T2> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        _rightLateTag = tag;
        return this;
    }

    /// <summary>Calls <paramref name="function"/> for every joined pair. Serializers for the buffered elements come from the arguments or the registry.</summary>
    public DataStream<TOut> Process<TOut>(ProcessJoinFunction<T1, T2, TOut> function, ITypeSerializer<T1>? firstSerializer = null,
        ITypeSerializer<T2>? secondSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        var lower = _lowerExclusive ? _lower + 1 : _lower;
        var upper = _upperExclusive ? _upper - 1 : _upper;
        if (lower > upper)
        {
            throw new ArgumentException($"The interval [{_lower}, {_upper}] ms with the exclusive bounds is empty.");
        }

        if (!ReferenceEquals(_first.KeyType.Hasher, _second.KeyType.Hasher))
        {
            throw new ArgumentException("Both inputs must be keyed with the same key hasher, or equal keys would land on different subtasks.");
        }

        var joinFunction = new IntervalJoinFunction<TKey, T1, T2, TOut>(function, lower, upper,
            firstSerializer ?? TypeInfos.SerializerOf<T1>(), secondSerializer ?? TypeInfos.SerializerOf<T2>(), _leftLateTag, _rightLateTag);
        var env = _first.Environment;
        var ttl = env.Options.DefaultStateTtl;
        var (keyOf1, keyOf2, keyType) = (_first.KeyOf, _second.KeyOf, _first.KeyType);
        var t = new Transformation(env, "interval-join", $"IntervalJoin({function.GetType().Name})",
            tr => new KeyedCoProcessOperator<TKey, T1, T2, TOut>(joinFunction, keyOf1, keyOf2, keyType, ttl) { ConsumedSideOutputs = tr.ConsumedSideOutputs });
        t.Inputs.Add([.. _first.Refs]);
        t.Inputs.Add([.. _second.Refs]);
        return new DataStream<TOut>(t);
    }
}
