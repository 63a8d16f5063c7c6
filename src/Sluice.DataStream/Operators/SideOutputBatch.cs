using Sluice.Core.Batches;

namespace Sluice.DataStream.Operators;

/// <summary>
/// A batch of a side output, tagged with the <see cref="OutputTag{T}"/>'s id. It travels on the producer's edges with
/// the main output; the side-output selector of that tag unwraps it, every other consumer drops it.
/// </summary>
/// <remarks><b>Ownership.</b> The wrapper owns the inner batch: disposing it disposes the inner batch.</remarks>
internal sealed class SideOutputBatch(string tagId, IBatch inner) : IBatch
{
    public string TagId { get; } = tagId;

    public IBatch Inner { get; private set; } = inner;

    public int RowCount => Inner.RowCount;

    public ReadOnlySpan<long> Timestamps => Inner.Timestamps;

    public long SizeInBytes => Inner.SizeInBytes;

    public IBatch Gather(ReadOnlySpan<int> rows) => new SideOutputBatch(TagId, Inner.Gather(rows));

    /// <summary>Takes the inner batch out; the wrapper is empty afterwards.</summary>
    public IBatch Unwrap()
    {
        var inner = Inner;
        Inner = EmptyBatch.Instance;
        return inner;
    }

    public void Dispose() => Inner.Dispose();

    private sealed class EmptyBatch : IBatch
    {
        public static EmptyBatch Instance { get; } = new();

        public int RowCount => 0;

        public ReadOnlySpan<long> Timestamps => default;

        public IBatch Gather(ReadOnlySpan<int> rows) => this;

        public void Dispose()
        {
        }
    }
}
