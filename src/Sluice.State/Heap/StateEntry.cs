namespace Sluice.State.Heap;

/// <summary>A stored value with the timestamp (Unix milliseconds) of its last TTL-relevant access; 0 without TTL.</summary>
internal readonly record struct StateEntry<T>(T Value, long Timestamp);
