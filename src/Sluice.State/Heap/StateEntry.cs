namespace Sluice.State.Heap;

/// <summary>A stored value with the timestamp (Unix milliseconds) of its last TTL-relevant access; 0 without TTL.</summary>
/// <remarks>The members are fields so that a value can be changed in place through a reference to its table slot
/// (<see cref="Keyed.IValueStateReference{T}"/>).</remarks>
internal record struct StateEntry<T>(T Value, long Timestamp)
{
    /// <summary>The stored value.</summary>
    public T Value = Value;

    /// <summary>The Unix milliseconds of the last TTL-relevant access; 0 without TTL.</summary>
    public long Timestamp = Timestamp;
}
