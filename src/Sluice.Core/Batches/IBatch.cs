namespace Sluice.Core.Batches;

/// <summary>
/// What the runtime needs from a batch of rows or elements, so that columnar SQL batches
/// (<c>RecordBatch</c>) and typed element batches share channels, barriers and state.
/// </summary>
/// <remarks>
/// <para><b>Ownership.</b> A batch has exactly one owner. Handing it to an output transfers ownership;
/// whoever finishes with it calls <see cref="IDisposable.Dispose"/>, which returns its buffers to their pools.
/// A batch must not be used after it was handed on or disposed.</para>
/// <para><b>Threading.</b> A batch is used by one thread at a time; it is not thread-safe.</para>
/// </remarks>
public interface IBatch : IDisposable
{
    /// <summary>The number of rows (elements) in the batch.</summary>
    int RowCount { get; }

    /// <summary>
    /// The event time of each row in epoch milliseconds, or an empty span when the batch carries no event time.
    /// </summary>
    ReadOnlySpan<long> Timestamps { get; }

    /// <summary>
    /// An estimate of the batch's size in bytes (its values, not its buffers' capacity), for the bytes-in/out
    /// metrics. Elements held by reference count as references.
    /// </summary>
    long SizeInBytes => 0;

    /// <summary>
    /// Creates a new batch holding the rows at <paramref name="rows"/>, in that order. This batch keeps its owner.
    /// Used by partitioners to split a batch by target subtask.
    /// </summary>
    IBatch Gather(ReadOnlySpan<int> rows);
}
