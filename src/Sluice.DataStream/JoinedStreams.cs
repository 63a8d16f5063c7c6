using Sluice.DataStream.Types;

namespace Sluice.DataStream;

/// <summary>
/// Two streams to be joined in windows (<see cref="DataStream{T}.Join{T2}"/>): give the key of each side with
/// <see cref="Where{TKey}"/> and <see cref="JoinedStreamsWhere{T1, T2, TKey}.EqualTo"/>, then the windows.
/// </summary>
/// <typeparam name="T1">The first stream's element type.</typeparam>
/// <typeparam name="T2">The second stream's element type.</typeparam>
public sealed class JoinedStreams<T1, T2>
{
    private readonly DataStream<T1> _first;
    private readonly DataStream<T2> _second;

    internal JoinedStreams(DataStream<T1> first, DataStream<T2> second)
    {
        _first = first;
        _second = second;
    }

    /// <summary>The key of the first stream's elements (serializer and stable hasher from <paramref name="keyType"/> or the registry).</summary>
    public JoinedStreamsWhere<T1, T2, TKey> Where<TKey>(Func<T1, TKey> keyOf, ITypeInfo<TKey>? keyType = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        return new JoinedStreamsWhere<T1, T2, TKey>(_first, _second, keyOf, keyType ?? TypeInfos.Of<TKey>());
    }
}
