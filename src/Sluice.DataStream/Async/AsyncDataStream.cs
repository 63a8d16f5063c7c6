using Sluice.Core.Serialization;
using Sluice.DataStream.Types;

namespace Sluice.DataStream.Async;

/// <summary>
/// Async I/O: applies an <see cref="IAsyncFunction{TIn, TOut}"/> to a stream with many calls in flight per subtask.
/// <see cref="OrderedWait"/> emits results in input order; <see cref="UnorderedWait"/> as they complete, but never across
/// a watermark (results of elements before a watermark precede it, results of elements after it follow it).
/// </summary>
/// <remarks>
/// <para><b>Capacity.</b> At most <c>capacity</c> elements are in flight per subtask; when full, the subtask waits for a
/// result before taking the next element, which backpressures the upstream.</para>
/// <para><b>Checkpoints.</b> The inputs still in flight are snapshotted; after a restore they are invoked again, so no
/// element is lost or emitted twice downstream.</para>
/// <para><b>Timeout.</b> A call that has not completed <c>timeout</c> after it started is cancelled and
/// <see cref="IAsyncFunction{TIn, TOut}.OnTimeout"/> decides (by default the job fails).</para>
/// <para><b>Emission.</b> Results are emitted on the task thread, when the subtask next runs: with the next batch,
/// watermark or checkpoint barrier, when full, and at end of input (which waits for every call).</para>
/// </remarks>
public static class AsyncDataStream
{
    /// <summary>Calls <paramref name="function"/> for every element; results in input order.</summary>
    /// <param name="input">The stream.</param>
    /// <param name="function">The async function.</param>
    /// <param name="timeout">How long a call may take.</param>
    /// <param name="capacity">The most elements in flight per subtask.</param>
    /// <param name="inputSerializer">How in-flight inputs are checkpointed (from the registry by default).</param>
    public static DataStream<TOut> OrderedWait<TIn, TOut>(DataStream<TIn> input, IAsyncFunction<TIn, TOut> function, TimeSpan timeout,
        int capacity = 100, ITypeSerializer<TIn>? inputSerializer = null) =>
        Build(input, function, timeout, capacity, inputSerializer, ordered: true);

    /// <summary>Calls <paramref name="function"/> for every element; results as they complete, within the watermarks.</summary>
    /// <param name="input">The stream.</param>
    /// <param name="function">The async function.</param>
    /// <param name="timeout">How long a call may take.</param>
    /// <param name="capacity">The most elements in flight per subtask.</param>
    /// <param name="inputSerializer">How in-flight inputs are checkpointed (from the registry by default).</param>
    public static DataStream<TOut> UnorderedWait<TIn, TOut>(DataStream<TIn> input, IAsyncFunction<TIn, TOut> function, TimeSpan timeout,
        int capacity = 100, ITypeSerializer<TIn>? inputSerializer = null) =>
        Build(input, function, timeout, capacity, inputSerializer, ordered: false);

    /// <summary>As <see cref="OrderedWait"/>, making failed calls again as <paramref name="retryStrategy"/> says.</summary>
    /// <param name="input">The stream.</param>
    /// <param name="function">The async function.</param>
    /// <param name="timeout">How long the calls of one element may take, retries and their delays included.</param>
    /// <param name="capacity">The most elements in flight per subtask.</param>
    /// <param name="retryStrategy">How often and when failed calls are retried.</param>
    /// <param name="inputSerializer">How in-flight inputs are checkpointed (from the registry by default).</param>
    public static DataStream<TOut> OrderedWaitWithRetry<TIn, TOut>(DataStream<TIn> input, IAsyncFunction<TIn, TOut> function, TimeSpan timeout,
        int capacity, AsyncRetryStrategy retryStrategy, ITypeSerializer<TIn>? inputSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(retryStrategy);
        return Build(input, function, timeout, capacity, inputSerializer, ordered: true, retryStrategy);
    }

    /// <summary>As <see cref="UnorderedWait"/>, making failed calls again as <paramref name="retryStrategy"/> says.</summary>
    /// <param name="input">The stream.</param>
    /// <param name="function">The async function.</param>
    /// <param name="timeout">How long the calls of one element may take, retries and their delays included.</param>
    /// <param name="capacity">The most elements in flight per subtask.</param>
    /// <param name="retryStrategy">How often and when failed calls are retried.</param>
    /// <param name="inputSerializer">How in-flight inputs are checkpointed (from the registry by default).</param>
    public static DataStream<TOut> UnorderedWaitWithRetry<TIn, TOut>(DataStream<TIn> input, IAsyncFunction<TIn, TOut> function, TimeSpan timeout,
        int capacity, AsyncRetryStrategy retryStrategy, ITypeSerializer<TIn>? inputSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(retryStrategy);
        return Build(input, function, timeout, capacity, inputSerializer, ordered: false, retryStrategy);
    }

    private static DataStream<TOut> Build<TIn, TOut>(DataStream<TIn> input, IAsyncFunction<TIn, TOut> function, TimeSpan timeout, int capacity,
        ITypeSerializer<TIn>? inputSerializer, bool ordered, AsyncRetryStrategy? retryStrategy = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var serializer = inputSerializer ?? TypeInfos.SerializerOf<TIn>();
        return input.OneInput<TOut>(ordered ? "async-ordered" : "async-unordered", $"Async{(ordered ? "Ordered" : "Unordered")}Wait({function.GetType().Name})",
            _ => new AsyncWaitOperator<TIn, TOut>(function, timeout, capacity, ordered, serializer, retryStrategy));
    }
}
