using System.Diagnostics.CodeAnalysis;

namespace Sluice.DataStream.Broadcasting;

/// <summary>A broadcast state as the non-broadcast side sees it: read only, the same on every subtask.</summary>
/// <typeparam name="TK">The key type.</typeparam>
/// <typeparam name="TV">The value type.</typeparam>
public interface IReadOnlyBroadcastState<TK, TV>
    where TK : notnull
{
    /// <summary>The number of entries.</summary>
    int Count { get; }

    /// <summary>The value of <paramref name="key"/>, if present.</summary>
    bool TryGet(TK key, [MaybeNullWhen(false)] out TV value);

    /// <summary>True when <paramref name="key"/> has a value.</summary>
    bool Contains(TK key);

    /// <summary>All entries (do not modify the state while enumerating).</summary>
    IEnumerable<KeyValuePair<TK, TV>> Entries();
}
