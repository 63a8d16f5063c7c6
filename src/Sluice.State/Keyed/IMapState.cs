using System.Diagnostics.CodeAnalysis;

namespace Sluice.State.Keyed;

/// <summary>A map per key (and namespace). With a time-to-live, every map entry expires on its own.</summary>
/// <typeparam name="TK">The map's key type.</typeparam>
/// <typeparam name="TV">The map's value type.</typeparam>
public interface IMapState<TK, TV> : IState
    where TK : notnull
{
    /// <summary>True when the map has no (live) entry.</summary>
    bool IsEmpty { get; }

    /// <summary>Gets the value mapped to <paramref name="key"/>.</summary>
    bool TryGet(TK key, [MaybeNullWhen(false)] out TV value);

    /// <summary>Maps <paramref name="key"/> to <paramref name="value"/>, replacing any previous value.</summary>
    void Put(TK key, TV value);

    /// <summary>Puts every entry.</summary>
    void PutAll(IEnumerable<KeyValuePair<TK, TV>> entries);

    /// <summary>Removes the mapping of <paramref name="key"/>; false when there was none.</summary>
    bool Remove(TK key);

    /// <summary>True when <paramref name="key"/> is mapped.</summary>
    bool Contains(TK key);

    /// <summary>
    /// The entries, enumerated lazily in no particular order. While enumerating, <see cref="Remove"/> is allowed but
    /// <see cref="Put"/> of a new key is not.
    /// </summary>
    IEnumerable<KeyValuePair<TK, TV>> Entries();

    /// <summary>The keys (lazily, like <see cref="Entries"/>).</summary>
    IEnumerable<TK> Keys();

    /// <summary>The values (lazily, like <see cref="Entries"/>).</summary>
    IEnumerable<TV> Values();
}
