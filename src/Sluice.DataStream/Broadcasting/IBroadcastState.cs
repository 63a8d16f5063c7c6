namespace Sluice.DataStream.Broadcasting;

/// <summary>
/// A broadcast state as the broadcast side sees it: read and write. Every subtask receives every broadcast element, so
/// updating the state only from broadcast elements (deterministically) keeps it the same on every subtask.
/// </summary>
/// <typeparam name="TK">The key type.</typeparam>
/// <typeparam name="TV">The value type.</typeparam>
public interface IBroadcastState<TK, TV> : IReadOnlyBroadcastState<TK, TV>
    where TK : notnull
{
    /// <summary>Sets the value of <paramref name="key"/>.</summary>
    void Put(TK key, TV value);

    /// <summary>Removes <paramref name="key"/>; false when it had no value.</summary>
    bool Remove(TK key);

    /// <summary>Removes every entry.</summary>
    void Clear();
}
