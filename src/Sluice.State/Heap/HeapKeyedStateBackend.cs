using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Internal;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.State.Heap;

/// <summary>
/// The in-memory keyed state backend: every state is a table of dictionaries, one per key group, keyed by
/// (key, namespace), so that snapshots are written per key group and restore into any other key group range.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> An instance, its state handles and its timer queues are used by exactly one thread, the
/// task's mailbox loop; nothing is locked. <see cref="Snapshot"/> runs on that thread too: it serializes everything
/// synchronously into new byte arrays, and the returned <see cref="KeyGroupsSnapshot"/> is immutable, so another
/// thread may write it out while processing continues.</para>
/// <para><b>Hot path.</b> <see cref="SetCurrentKey"/> followed by <see cref="IValueState{T}.Value"/> or
/// <see cref="IValueState{T}.Update"/> allocates nothing when the key, namespace and value are value types (and the
/// entry exists; creating an entry may grow a dictionary).</para>
/// <para><b>Time.</b> TTL timestamps come from the injected <see cref="TimeProvider"/>'s
/// <see cref="TimeProvider.GetUtcNow"/>, in Unix milliseconds.</para>
/// <para><b>Lifecycle.</b> See <see cref="IKeyedStateBackend{TKey}"/>. After <see cref="Dispose"/> the backend and its
/// handles must not be used.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed partial class HeapKeyedStateBackend<TKey> : IKeyedStateBackend<TKey>
    where TKey : notnull
{
    private readonly KeyGroupRange _range;
    private readonly int _maxParallelism;
    private readonly ITypeSerializer<TKey> _keySerializer;
    private readonly IKeyHasher<TKey> _keyHasher;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, HeapState<TKey>> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ISnapshotTimerQueue> _timerQueues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingState> _pendingStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingTimerQueue> _pendingTimerQueues = new(StringComparer.Ordinal);
    private TKey _currentKey = default!;
    private int _currentKeyGroup = -1;
    private int _currentKeyGroupIndex = -1;
    private bool _disposed;

    /// <summary>Creates an empty backend for the key groups in <paramref name="range"/>.</summary>
    /// <param name="range">The key groups this subtask owns (see <see cref="KeyGroups.RangeFor"/>).</param>
    /// <param name="maxParallelism">The job's max parallelism (number of key groups).</param>
    /// <param name="keySerializer">Writes keys into snapshots.</param>
    /// <param name="keyHasher">The stable key hasher; must be the one the partitioner uses.</param>
    /// <param name="timeProvider">The clock for TTL timestamps.</param>
    public HeapKeyedStateBackend(KeyGroupRange range, int maxParallelism, ITypeSerializer<TKey> keySerializer, IKeyHasher<TKey> keyHasher,
        TimeProvider timeProvider)
    {
        KeyGroups.Validate(maxParallelism, 1);
        if (range.Count > 0 && (range.Start < 0 || range.End >= maxParallelism))
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, $"The key group range must lie within [0..{maxParallelism - 1}].");
        }

        ArgumentNullException.ThrowIfNull(keySerializer);
        ArgumentNullException.ThrowIfNull(keyHasher);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _range = range;
        _maxParallelism = maxParallelism;
        _keySerializer = keySerializer;
        _keyHasher = keyHasher;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public KeyGroupRange KeyGroupRange => _range;

    /// <inheritdoc />
    public int MaxParallelism => _maxParallelism;

    /// <inheritdoc />
    public TKey CurrentKey
    {
        get
        {
            if (_currentKeyGroup < 0)
            {
                ThrowNoCurrentKey();
            }

            return _currentKey;
        }
    }

    /// <inheritdoc />
    public int CurrentKeyGroup => _currentKeyGroup;

    /// <summary>The key serializer.</summary>
    internal ITypeSerializer<TKey> KeySerializer => _keySerializer;

    /// <summary>The current key with no check that one was set (state handles check the key group index).</summary>
    internal TKey CurrentKeyUnchecked => _currentKey;

    /// <summary>The current key group's index within the range; throws when no key was set.</summary>
    internal int CurrentKeyGroupIndex
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var index = _currentKeyGroupIndex;
            if (index < 0)
            {
                ThrowNoCurrentKey();
            }

            return index;
        }
    }

    /// <inheritdoc />
    public void SetCurrentKey(TKey key)
    {
        if (!typeof(TKey).IsValueType && key is null)
        {
            ThrowNullKey();
        }

        var keyGroup = KeyGroupGuard.Assign(key, _keyHasher, _maxParallelism, _range);
        _currentKey = key;
        _currentKeyGroup = keyGroup;
        _currentKeyGroupIndex = keyGroup - _range.Start;
    }

    /// <inheritdoc />
    public IValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor) => GetValueState(descriptor, VoidNamespace.Serializer);

    /// <inheritdoc />
    public INamespacedValueState<TNs, T> GetValueState<TNs, T>(ValueStateDescriptor<T> descriptor, ITypeSerializer<TNs> namespaceSerializer) =>
        GetOrCreate(descriptor, namespaceSerializer, ttl => new HeapValueState<TKey, TNs, T>(this, descriptor, namespaceSerializer, ttl));

    /// <inheritdoc />
    public IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor) => GetListState(descriptor, VoidNamespace.Serializer);

    /// <inheritdoc />
    public INamespacedListState<TNs, T> GetListState<TNs, T>(ListStateDescriptor<T> descriptor, ITypeSerializer<TNs> namespaceSerializer) =>
        GetOrCreate(descriptor, namespaceSerializer, ttl => new HeapListState<TKey, TNs, T>(this, descriptor, namespaceSerializer, ttl));

    /// <inheritdoc />
    public IMapState<TK, TV> GetMapState<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull =>
        GetMapState(descriptor, VoidNamespace.Serializer);

    /// <inheritdoc />
    public INamespacedMapState<TNs, TK, TV> GetMapState<TNs, TK, TV>(MapStateDescriptor<TK, TV> descriptor,
        ITypeSerializer<TNs> namespaceSerializer)
        where TK : notnull =>
        GetOrCreate(descriptor, namespaceSerializer, ttl => new HeapMapState<TKey, TNs, TK, TV>(this, descriptor, namespaceSerializer, ttl));

    /// <inheritdoc />
    public IReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor) =>
        GetReducingState(descriptor, VoidNamespace.Serializer);

    /// <inheritdoc />
    public INamespacedReducingState<TNs, T> GetReducingState<TNs, T>(ReducingStateDescriptor<T> descriptor,
        ITypeSerializer<TNs> namespaceSerializer) =>
        GetOrCreate(descriptor, namespaceSerializer, ttl => new HeapReducingState<TKey, TNs, T>(this, descriptor, namespaceSerializer, ttl));

    /// <inheritdoc />
    public IAggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor) =>
        GetAggregatingState(descriptor, VoidNamespace.Serializer);

    /// <inheritdoc />
    public INamespacedAggregatingState<TNs, TIn, TOut> GetAggregatingState<TNs, TIn, TAcc, TOut>(
        AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor, ITypeSerializer<TNs> namespaceSerializer) =>
        GetOrCreate(descriptor, namespaceSerializer,
            ttl => new HeapAggregatingState<TKey, TNs, TIn, TAcc, TOut>(this, descriptor, namespaceSerializer, ttl));

    /// <inheritdoc />
    public KeyGroupedTimerQueue<TKey, TNs> GetTimerQueue<TNs>(string name, ITypeSerializer<TNs> namespaceSerializer)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(namespaceSerializer);
        if (_timerQueues.TryGetValue(name, out var existing))
        {
            if (existing is not KeyGroupedTimerQueue<TKey, TNs> typed || !SerializerIdentity.Same(typed.NamespaceSerializer, namespaceSerializer))
            {
                throw new StateException(
                    $"Timer queue '{name}' is already declared with another namespace type or serializer.", ErrorDomain.User);
            }

            return typed;
        }

        var queue = new KeyGroupedTimerQueue<TKey, TNs>(name, namespaceSerializer, _range, _maxParallelism, _keyHasher, _keySerializer);
        if (_pendingTimerQueues.TryGetValue(name, out var pending))
        {
            RestorePendingTimerQueue(queue, pending);
            _pendingTimerQueues.Remove(name);
        }

        _timerQueues.Add(name, queue);
        return queue;
    }

    /// <inheritdoc />
    public IEnumerable<TKey> GetKeys(string stateName)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(stateName);
        if (_states.TryGetValue(stateName, out var state))
        {
            var keys = new HashSet<TKey>();
            state.CollectKeys(keys, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            return keys.ToArray();
        }

        if (_pendingStates.ContainsKey(stateName))
        {
            throw new StateException($"State '{stateName}' was restored but not declared yet; declare it before listing its keys.",
                ErrorDomain.User);
        }

        return [];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var state in _states.Values)
        {
            state.Drop();
        }

        _states.Clear();
        _timerQueues.Clear();
        _pendingStates.Clear();
        _pendingTimerQueues.Clear();
        _currentKeyGroup = -1;
        _currentKeyGroupIndex = -1;
        _currentKey = default!;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"HeapKeyedStateBackend {_range} of {_maxParallelism} ({_states.Count} states, {_timerQueues.Count} timer queues)";

    /// <summary>The key group of <paramref name="key"/>, unchecked against the range.</summary>
    internal int KeyGroupOf(TKey key) => KeyGroups.Assign(_keyHasher.GetStableHash(key), _maxParallelism);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNoCurrentKey() =>
        throw new InvalidOperationException("No current key: call SetCurrentKey before accessing keyed state.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNullKey() => throw new ArgumentNullException("key", "A key must not be null.");

    private TState GetOrCreate<TState, TNs>(StateDescriptor descriptor, ITypeSerializer<TNs> namespaceSerializer, Func<TtlPolicy?, TState> create)
        where TState : HeapState<TKey>
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(namespaceSerializer);
        var name = descriptor.Name;
        if (_states.TryGetValue(name, out var existing))
        {
            if (existing.Kind != descriptor.Kind)
            {
                throw new StateException(
                    $"State '{name}' is already declared as {existing.Kind} state; it cannot also be declared as {descriptor.Kind} state.",
                    ErrorDomain.User);
            }

            if (existing is not TState typed || !existing.Descriptor.IsCompatibleWith(descriptor) ||
                existing.NamespaceSerializer is not ITypeSerializer<TNs> existingNamespaceSerializer ||
                !SerializerIdentity.Same(existingNamespaceSerializer, namespaceSerializer))
            {
                throw new StateException(
                    $"State '{name}' is already declared with other types, serializers, namespace serializer or TTL.", ErrorDomain.User);
            }

            return typed;
        }

        var ttl = descriptor.Ttl is null ? null : new TtlPolicy(descriptor.Ttl, _timeProvider);
        var state = create(ttl);
        if (_pendingStates.TryGetValue(name, out var pending))
        {
            RestorePendingState(state, pending);
            _pendingStates.Remove(name);
        }

        _states.Add(name, state);
        return state;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
