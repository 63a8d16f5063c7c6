using Sluice.Core.Batches;
using Sluice.Core.Messages;

namespace Sluice.Runtime.Operators;

/// <summary>
/// Where an operator emits. In a chain it calls the next operator directly; at the end of a task it writes
/// to the partitioned channels. Called on the task thread only.
/// </summary>
public interface IOutput
{
    /// <summary>Emits a batch; ownership transfers to the output.</summary>
    void Collect(IBatch batch);

    /// <summary>Emits a watermark downstream.</summary>
    void EmitWatermark(Watermark watermark);
}
