using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.Runtime.Operators.Windowing;

/// <summary>
/// What a <see cref="TumblingWindowOperator{T, TKey, TAcc, TOut, TResult}"/> computes: how elements are keyed, the
/// window size and offset, the aggregation, the allowed lateness and the shape of the results. Immutable; one
/// instance may be shared by every subtask of the operator.
/// </summary>
/// <typeparam name="T">The element type of the incoming <see cref="Core.Batches.ElementBatch{T}"/>s.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TAcc">The accumulator type, kept in keyed state per key and window.</typeparam>
/// <typeparam name="TOut">The aggregate's result type.</typeparam>
/// <typeparam name="TResult">The type of the emitted elements.</typeparam>
public sealed record TumblingWindowOptions<T, TKey, TAcc, TOut, TResult>
    where TKey : notnull
{
    /// <summary>Extracts the key of an element. Must agree with the hash partitioner's key selector.</summary>
    public required Func<T, TKey> KeySelector { get; init; }

    /// <summary>Writes keys into snapshots.</summary>
    public required ITypeSerializer<TKey> KeySerializer { get; init; }

    /// <summary>The stable key hasher; must be the one the hash partitioner in front of the operator uses.</summary>
    public required IKeyHasher<TKey> KeyHasher { get; init; }

    /// <summary>The window size: a positive whole number of milliseconds.</summary>
    public required TimeSpan Size { get; init; }

    /// <summary>
    /// Shifts window starts away from the epoch (e.g. hourly windows starting at quarter past): a whole number of
    /// milliseconds with <c>|Offset| &lt; Size</c>. Default zero.
    /// </summary>
    public TimeSpan Offset { get; init; }

    /// <summary>The incremental aggregation applied to the elements of each key and window.</summary>
    public required IAggregateFunction<T, TAcc, TOut> Aggregate { get; init; }

    /// <summary>Writes accumulators into snapshots.</summary>
    public required ITypeSerializer<TAcc> AccumulatorSerializer { get; init; }

    /// <summary>
    /// How long after a window fired late elements are still added to it (each one re-emits the updated result);
    /// the window's state is dropped when the watermark passes <c>MaxTimestamp + AllowedLateness</c>. A whole, non-negative
    /// number of milliseconds. Default zero: a window's state is dropped as soon as it fires.
    /// </summary>
    public TimeSpan AllowedLateness { get; init; }

    /// <summary>Builds an emitted element from the key, the window and the aggregate's result.</summary>
    public required Func<TKey, TimeWindow, TOut, TResult> ResultSelector { get; init; }

    /// <summary>
    /// The name of the keyed state and timer queue (default <c>"window"</c>). Keep it stable across versions of a job:
    /// state is restored by name.
    /// </summary>
    public string StateName { get; init; } = "window";
}
