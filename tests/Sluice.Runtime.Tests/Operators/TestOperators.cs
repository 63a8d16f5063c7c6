using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Runtime.Operators;

namespace Sluice.Runtime.Tests.Operators;

/// <summary>Forwards every batch unchanged.</summary>
internal sealed class PassThroughOperator : StreamOperator
{
    public override void ProcessBatch(IBatch batch, IOutput output) => output.Collect(batch);
}

/// <summary>An output that keeps what an operator emits, for tests that drive an operator by hand.</summary>
internal sealed class CollectingOutput : IOutput
{
    public List<IBatch> Batches { get; } = [];

    public List<long> Watermarks { get; } = [];

    public void Collect(IBatch batch) => Batches.Add(batch);

    public void EmitWatermark(Watermark watermark) => Watermarks.Add(watermark.Timestamp);

    /// <summary>The elements of every collected <see cref="ElementBatch{T}"/>, in order.</summary>
    public List<T> Elements<T>() => Batches.OfType<ElementBatch<T>>().SelectMany(b => b.Items.ToArray()).ToList();
}
