namespace Sluice.State.Keyed;

/// <summary>The kind of a keyed state. Written into snapshots, so the numeric values are part of the format.</summary>
public enum StateKind : byte
{
    /// <summary>One value per key and namespace (<see cref="IValueState{T}"/>).</summary>
    Value = 1,

    /// <summary>A list of values per key and namespace (<see cref="IListState{T}"/>).</summary>
    List = 2,

    /// <summary>A map per key and namespace (<see cref="IMapState{TK, TV}"/>).</summary>
    Map = 3,

    /// <summary>A value folded with a reduce function (<see cref="IReducingState{T}"/>).</summary>
    Reducing = 4,

    /// <summary>An accumulator folded with an aggregate function (<see cref="IAggregatingState{TIn, TOut}"/>).</summary>
    Aggregating = 5,
}
