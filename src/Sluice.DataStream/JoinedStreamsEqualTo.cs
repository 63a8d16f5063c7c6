using Sluice.DataStream.Joining;
using Sluice.DataStream.Types;
using Sluice.DataStream.Windowing;

namespace Sluice.DataStream;

/// <summary>A window join with both keys: give the windows.</summary>
/// <typeparam name="T1">The first stream's element type.</typeparam>
/// <typeparam name="T2">The second stream's element type.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class JoinedStreamsEqualTo<T1, T2, TKey>
    where TKey : notnull
{
    private readonly DataStream<T1> _first;
    private readonly DataStream<T2> _second;
    private readonly Func<T1, TKey> _keyOf1;
    private readonly Func<T2, TKey> _keyOf2;
    private readonly ITypeInfo<TKey> _keyType;

    internal JoinedStreamsEqualTo(DataStream<T1> first, DataStream<T2> second, Func<T1, TKey> keyOf1, Func<T2, TKey> keyOf2, ITypeInfo<TKey> keyType)
    {
        _first = first;
        _second = second;
        _keyOf1 = keyOf1;
        _keyOf2 = keyOf2;
        _keyType = keyType;
    }

    /// <summary>The windows (tumbling, sliding, session, global; event or processing time) in which elements of equal keys are joined.</summary>
    public WindowedJoin<T1, T2, TKey> Window(WindowAssigner assigner)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        return new WindowedJoin<T1, T2, TKey>(new TwoInputWindowSpec<T1, T2, TKey>(_first, _second, _keyOf1, _keyOf2, _keyType, assigner));
    }
}
