using Sluice.Core.Errors;

namespace Sluice.DataStream.Async;

/// <summary>
/// A function that calls an external system asynchronously for every element (<see cref="AsyncDataStream"/>): a lookup in
/// a database, a call to a service. Several calls are in flight at once, up to the operator's capacity.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> <see cref="InvokeAsync"/> is called on the task thread, but its continuations run wherever the
/// awaited operations complete, and one instance serves all subtasks: make it thread-safe. Results are handed to the
/// task thread, which emits them. <see cref="OnTimeout"/> runs on the task thread.</para>
/// <para><b>Exactly once.</b> Inputs whose results were not emitted before a checkpoint are part of it and are invoked
/// again after a restore, so the external call may happen more than once per element: make it idempotent (a read).</para>
/// </remarks>
/// <typeparam name="TIn">The input element type.</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
public interface IAsyncFunction<TIn, TOut>
{
    /// <summary>
    /// Starts the call for <paramref name="input"/> and completes with its results (any number). <paramref name="cancellationToken"/>
    /// is cancelled at the timeout and when the job stops. An exception fails the job.
    /// </summary>
    ValueTask<IEnumerable<TOut>> InvokeAsync(TIn input, CancellationToken cancellationToken);

    /// <summary>The call for <paramref name="input"/> did not complete within the timeout: the results to emit instead. By default the job fails.</summary>
    IEnumerable<TOut> OnTimeout(TIn input) =>
        throw new JobException($"An async request timed out (input: {input}); override IAsyncFunction.OnTimeout to emit a fallback instead.");
}
