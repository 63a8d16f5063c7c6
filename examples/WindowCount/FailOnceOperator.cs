using Sluice.Core.Batches;
using Sluice.Runtime.Operators;

namespace WindowCount;

/// <summary>Passes batches through, and fails once (in the first attempt of subtask 0) after a number of rows: a stand-in for a crash.</summary>
public sealed class FailOnceOperator(long failAfterRows) : StreamOperator
{
    private long _rows;

    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        _rows += batch.RowCount;
        if (Context.AttemptNumber == 0 && Context.SubtaskIndex == 0 && _rows > failAfterRows)
        {
            batch.Dispose();
            throw new InvalidOperationException($"Simulated crash after {_rows:N0} rows.");
        }

        output.Collect(batch);
    }
}
