using Sluice.Core.Batches;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Operators;

/// <summary>
/// The stream of one side output: unwraps the producer's <see cref="SideOutputBatch"/>es of its tag and drops every
/// other batch (the main output and other tags). Chained behind nothing: it sits on a forward edge of the producer.
/// </summary>
internal sealed class SideOutputSelectOperator<T>(string tagId) : DataStreamOperator
{
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (batch is SideOutputBatch side && side.TagId == tagId && side.Inner is ElementBatch<T>)
        {
            output.Collect(side.Unwrap());
            return;
        }

        batch.Dispose();
    }

    protected override void FlushOutputs(IOutput output)
    {
    }
}
