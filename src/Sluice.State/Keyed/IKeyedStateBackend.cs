using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Timers;

namespace Sluice.State.Keyed;

/// <summary>
/// Holds the keyed state and timers of one subtask of a keyed operator, for the key groups in
/// <see cref="KeyGroupRange"/>. Implementations: <see cref="Heap.HeapKeyedStateBackend{TKey}"/> (in memory);
/// a RocksDB backend comes later.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> A backend instance and every state handle and timer queue it returns are used by exactly
/// one thread: the task's mailbox loop. Nothing is locked. <see cref="Snapshot"/> is called on that same thread and
/// returns an immutable capture (byte arrays) that another thread may then write out while processing goes on.</para>
/// <para><b>Lifecycle.</b> Create → <see cref="Restore"/> (optional, before any state is declared) → the operator
/// declares its states with the getters (restored states are deserialized at that moment, with the declared
/// serializers) → per record <see cref="SetCurrentKey"/> then state access → <see cref="Snapshot"/> at each
/// checkpoint → <see cref="IDisposable.Dispose"/>.</para>
/// <para><b>Declaring.</b> Calling a getter twice with the same name returns the same handle. Declaring a name again
/// with another kind, type, serializer, namespace serializer or TTL throws a
/// <see cref="Core.Errors.StateException"/>. The non-namespaced getters use <see cref="VoidNamespace"/>.</para>
/// <para><b>Rescaling.</b> State is stored per key group, and a snapshot keeps every key group apart, so the
/// snapshots of any parallelism can be restored into backends of any other: each keeps only its own key groups.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
public interface IKeyedStateBackend<TKey> : IDisposable
    where TKey : notnull
{
    /// <summary>The key groups this backend owns.</summary>
    KeyGroupRange KeyGroupRange { get; }

    /// <summary>The job's max parallelism (number of key groups).</summary>
    int MaxParallelism { get; }

    /// <summary>The current key; throws when none was set.</summary>
    TKey CurrentKey { get; }

    /// <summary>The key group of the current key; -1 when none was set.</summary>
    int CurrentKeyGroup { get; }

    /// <summary>
    /// Sets the key that state access acts on. Computes its key group with
    /// <see cref="KeyGroups.Assign"/>; throws a <see cref="Core.Errors.StateException"/> naming the key group and the
    /// range when the key group is not in <see cref="KeyGroupRange"/>.
    /// </summary>
    void SetCurrentKey(TKey key);

    /// <summary>Declares (or returns) a value state.</summary>
    IValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor);

    /// <summary>Declares (or returns) a namespaced value state.</summary>
    INamespacedValueState<TNs, T> GetValueState<TNs, T>(ValueStateDescriptor<T> descriptor, ITypeSerializer<TNs> namespaceSerializer);

    /// <summary>Declares (or returns) a list state.</summary>
    IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor);

    /// <summary>Declares (or returns) a namespaced list state.</summary>
    INamespacedListState<TNs, T> GetListState<TNs, T>(ListStateDescriptor<T> descriptor, ITypeSerializer<TNs> namespaceSerializer);

    /// <summary>Declares (or returns) a map state.</summary>
    IMapState<TK, TV> GetMapState<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull;

    /// <summary>Declares (or returns) a namespaced map state.</summary>
    INamespacedMapState<TNs, TK, TV> GetMapState<TNs, TK, TV>(MapStateDescriptor<TK, TV> descriptor, ITypeSerializer<TNs> namespaceSerializer)
        where TK : notnull;

    /// <summary>Declares (or returns) a reducing state.</summary>
    IReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor);

    /// <summary>Declares (or returns) a namespaced reducing state.</summary>
    INamespacedReducingState<TNs, T> GetReducingState<TNs, T>(ReducingStateDescriptor<T> descriptor, ITypeSerializer<TNs> namespaceSerializer);

    /// <summary>Declares (or returns) an aggregating state.</summary>
    IAggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor);

    /// <summary>Declares (or returns) a namespaced aggregating state.</summary>
    INamespacedAggregatingState<TNs, TIn, TOut> GetAggregatingState<TNs, TIn, TAcc, TOut>(
        AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor, ITypeSerializer<TNs> namespaceSerializer);

    /// <summary>
    /// Declares (or returns) the timer queue called <paramref name="name"/>; one queue per name. Its timers are part
    /// of <see cref="Snapshot"/>, per key group.
    /// </summary>
    KeyGroupedTimerQueue<TKey, TNs> GetTimerQueue<TNs>(string name, ITypeSerializer<TNs> namespaceSerializer);

    /// <summary>
    /// The distinct keys that have a value in the declared state <paramref name="stateName"/> (in any namespace), as a
    /// copy, so the caller may change state while iterating. Empty for an unknown name.
    /// </summary>
    IEnumerable<TKey> GetKeys(string stateName);

    /// <summary>
    /// Captures every state and timer, per key group, into an immutable snapshot. Expired TTL entries are left out.
    /// Restored states that were never declared are carried over unchanged.
    /// </summary>
    KeyGroupsSnapshot Snapshot();

    /// <summary>
    /// Restores from snapshots taken at any parallelism: each may cover a different key group range, and only key
    /// groups inside this backend's range are kept. Restored states stay serialized until they are declared.
    /// Throws a <see cref="Core.Errors.StateException"/> when a snapshot is corrupt or does not fit.
    /// </summary>
    void Restore(IEnumerable<KeyGroupsSnapshot> snapshots);
}
