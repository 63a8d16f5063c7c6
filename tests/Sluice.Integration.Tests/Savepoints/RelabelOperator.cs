using Sluice.Core.Batches;
using Sluice.Runtime.Operators;
using Sluice.Testing.Operators;
using Sluice.Testing.Sources;

namespace Sluice.Integration.Tests.Savepoints;

/// <summary>
/// A stateless stand-in for the sequence check in "version 2" of the job: turns each event into the line the check
/// would write (count = seq), without keeping or checking state.
/// </summary>
internal sealed class RelabelOperator : StreamOperator
{
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        var input = (ElementBatch<SequenceEvent>)batch;
        var result = new ElementBatch<SequenceCount>(input.RowCount, withTimestamps: true);
        var items = input.Items;
        var timestamps = input.Timestamps;
        for (var i = 0; i < items.Length; i++)
        {
            result.Add(new SequenceCount(items[i].Key, items[i].Seq, items[i].Seq), timestamps[i]);
        }

        batch.Dispose();
        output.Collect(result);
    }
}
