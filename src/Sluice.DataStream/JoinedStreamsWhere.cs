using Sluice.DataStream.Types;

namespace Sluice.DataStream;

/// <summary>A window join with the first stream's key: give the second stream's key.</summary>
/// <typeparam name="T1">The first stream's element type.</typeparam>
/// <typeparam name="T2">The second stream's element type.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class JoinedStreamsWhere<T1, T2, TKey>
    where TKey : notnull
{
    private readonly DataStream<T1> _first;
    private readonly DataStream<T2> _second;
    private readonly Func<T1, TKey> _keyOf1;
    private readonly ITypeInfo<TKey> _keyType;

    internal JoinedStreamsWhere(DataStream<T1> first, DataStream<T2> second, Func<T1, TKey> keyOf1, ITypeInfo<TKey> keyType)
    {
        _first = first;
        _second = second;
        _keyOf1 = keyOf1;
        _keyType = keyType;
    }

    /// <summary>The key of the second stream's elements: elements of both streams with equal keys are joined.</summary>
    public JoinedStreamsEqualTo<T1, T2, TKey> EqualTo(Func<T2, TKey> keyOf)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        return new JoinedStreamsEqualTo<T1, T2, TKey>(_first, _second, _keyOf1, keyOf, _keyType);
    }
}
