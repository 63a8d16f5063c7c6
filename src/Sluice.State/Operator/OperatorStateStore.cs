using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.State.Internal;
using Sluice.State.Keyed;

namespace Sluice.State.Operator;

/// <summary>
/// The operator (non-keyed) state of one subtask, as used by sources and sinks: named list states whose items are
/// redistributed across subtasks on rescale, split evenly (<see cref="GetListState{T}"/>) or as a union
/// (<see cref="GetUnionListState{T}"/>).
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> A store and its list states are used by exactly one thread, the task's mailbox loop; nothing
/// is locked. <see cref="Snapshot"/> runs on that thread and returns an immutable capture that another thread may
/// write out.</para>
/// <para><b>Lifecycle.</b> Construct from the restored snapshot (see <see cref="OperatorStateSnapshot.Redistribute"/>)
/// or empty; the operator then declares its states, and a restored state is deserialized at that moment with the
/// declared serializer. Restored states never declared are carried over unchanged into the next snapshot.</para>
/// </remarks>
public sealed class OperatorStateStore
{
    private readonly Dictionary<string, IOperatorListState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OperatorStateEntry> _pending = new(StringComparer.Ordinal);

    /// <summary>Creates an empty store.</summary>
    public OperatorStateStore()
    {
    }

    /// <summary>Creates a store holding <paramref name="restored"/>, deserialized lazily as states are declared.</summary>
    public OperatorStateStore(OperatorStateSnapshot restored)
    {
        ArgumentNullException.ThrowIfNull(restored);
        foreach (var state in restored.States)
        {
            _pending.Add(state.Name, state);
        }
    }

    /// <summary>
    /// Declares (or returns) a split-evenly list state: on rescale its items are dealt out across the new subtasks.
    /// Declaring a name again with another mode, item type or serializer throws a <see cref="StateException"/>.
    /// </summary>
    public IListState<T> GetListState<T>(string name, ITypeSerializer<T> serializer) =>
        GetOrCreate(name, serializer, OperatorStateMode.SplitEvenly);

    /// <summary>
    /// Declares (or returns) a union list state: on restore every subtask receives the items of all previous subtasks.
    /// Declaring a name again with another mode, item type or serializer throws a <see cref="StateException"/>.
    /// </summary>
    public IListState<T> GetUnionListState<T>(string name, ITypeSerializer<T> serializer) =>
        GetOrCreate(name, serializer, OperatorStateMode.Union);

    /// <summary>Captures every state (declared or only restored) into an immutable snapshot.</summary>
    public OperatorStateSnapshot Snapshot()
    {
        using var scratch = new BinaryBufferWriter();
        var entries = new List<OperatorStateEntry>(_states.Count + _pending.Count);
        foreach (var state in _states.Values)
        {
            entries.Add(state.Snapshot(scratch));
        }

        entries.AddRange(_pending.Values);
        return new OperatorStateSnapshot(entries);
    }

    private OperatorListState<T> GetOrCreate<T>(string name, ITypeSerializer<T> serializer, OperatorStateMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(serializer);
        if (_states.TryGetValue(name, out var existing))
        {
            if (existing.Mode != mode)
            {
                throw new StateException(
                    $"Operator state '{name}' is already declared as {existing.Mode} state; it cannot also be declared as {mode}.",
                    ErrorDomain.User);
            }

            if (existing is not OperatorListState<T> typed || !SerializerIdentity.Same(typed.Serializer, serializer))
            {
                throw new StateException($"Operator state '{name}' is already declared with another item type or serializer.", ErrorDomain.User);
            }

            return typed;
        }

        var state = new OperatorListState<T>(name, mode, serializer);
        if (_pending.TryGetValue(name, out var restored))
        {
            if (restored.Mode != mode)
            {
                throw new StateException(
                    $"Operator state '{name}' was restored as {restored.Mode} state but is declared as {mode} state.", ErrorDomain.User);
            }

            if (restored.SerializerVersion != serializer.Version)
            {
                throw new StateException(
                    $"Operator state '{name}' was written with serializer version {restored.SerializerVersion} but is declared with " +
                    $"version {serializer.Version}; state migration is not supported yet.", ErrorDomain.User);
            }

            try
            {
                state.Restore(restored);
            }
            catch (Exception ex)
            {
                throw new StateException($"Cannot restore operator state '{name}': {ex.Message}", ErrorDomain.External, ex);
            }

            _pending.Remove(name);
        }

        _states.Add(name, state);
        return state;
    }
}
