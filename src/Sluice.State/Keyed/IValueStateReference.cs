namespace Sluice.State.Keyed;

/// <summary>
/// A value state whose current key's value can be read and changed in place, through a reference to where the backend
/// keeps it: one lookup for a read-modify-write instead of a read and a write (as
/// <c>CollectionsMarshal.GetValueRefOrAddDefault</c> does for a dictionary). The heap backend's value states implement it;
/// callers test for it and fall back to <see cref="IValueState{T}"/>.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <remarks>
/// <para><b>Validity.</b> A reference is valid until the next call on this state or its backend that may add or remove
/// entries (any write, clear, restore, snapshot or key change): use it at once, and never keep it.</para>
/// <para><b>Time-to-live.</b> Taking a reference applies the state's TTL as a read (<see cref="GetValueRefOrNullRef"/>: an
/// expired value is removed and not returned, <see cref="TtlVisibility.ReturnExpiredIfNotCleanedUp"/> included, since the
/// reference would point at a removed entry; the timestamp is refreshed with <see cref="TtlUpdateType.OnReadAndWrite"/>) or
/// as a write (<see cref="GetValueRefOrAddDefault"/>: the timestamp is set to now, and an expired value reads as absent).</para>
/// <para><b>Clearing.</b> Storing <c>default</c> through a reference does not remove the entry: call <see cref="IState.Clear"/>
/// to remove it.</para>
/// </remarks>
public interface IValueStateReference<T> : IValueState<T>
{
    /// <summary>A reference to the current key's value, or a null reference (<c>Unsafe.IsNullRef</c>) when it has none.</summary>
    ref T GetValueRefOrNullRef();

    /// <summary>
    /// A reference to the current key's value, added as <c>default</c> when it has none (<paramref name="exists"/> false);
    /// counts as a write.
    /// </summary>
    ref T GetValueRefOrAddDefault(out bool exists);
}
