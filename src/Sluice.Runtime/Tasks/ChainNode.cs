using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Runtime.Operators;

namespace Sluice.Runtime.Tasks;

/// <summary>One operator inside a task's chain, with its context, its output and its counters. Task thread only.</summary>
internal sealed class ChainNode
{
    public ChainNode(StreamOperator op, OperatorContext context)
    {
        Operator = op;
        Context = context;
        FinishedOnRestore = context.IsFinishedOnRestore;
    }

    /// <summary>
    /// The operator finished in the checkpoint the job restored from (every subtask of it): it is never opened or called;
    /// watermarks pass through to the next operator, and it snapshots a finished marker again.
    /// </summary>
    public bool FinishedOnRestore { get; }

    public StreamOperator Operator { get; }

    public OperatorContext Context { get; }

    public IOutput Output { get; set; } = null!;

    /// <summary>Rows received (read by metrics from other threads; a torn read is impossible for aligned longs on 64-bit).</summary>
    public long RecordsIn;

    /// <summary>Rows emitted.</summary>
    public long RecordsOut;

    /// <summary>Bytes received (<see cref="IBatch.SizeInBytes"/>).</summary>
    public long BytesIn;

    /// <summary>Bytes emitted.</summary>
    public long BytesOut;

    /// <summary>The highest watermark the operator emitted (<see cref="long.MinValue"/> before the first).</summary>
    public long OutputWatermark = long.MinValue;

    /// <summary>Records a watermark the operator emitted.</summary>
    public void OnWatermarkEmitted(long watermark)
    {
        if (watermark > OutputWatermark)
        {
            OutputWatermark = watermark;
        }
    }

    public void HandleBatch(int input, IBatch batch)
    {
        RecordsIn += batch.RowCount;
        BytesIn += batch.SizeInBytes;
        if (FinishedOnRestore)
        {
            batch.Dispose();
            throw new TaskFailureException(Context.OperatorId, Context.SubtaskIndex, new InvalidOperationException(
                $"Operator '{Context.OperatorName}' was finished on restore but received input: its inputs were not finished in the checkpoint."));
        }

        try
        {
            Operator.ProcessBatch(input, batch, Output);
        }
        catch (Exception ex) when (ex is not TaskFailureException and not OperationCanceledException)
        {
            throw new TaskFailureException(Context.OperatorId, Context.SubtaskIndex, ex);
        }
    }

    public void HandleWatermark(long watermark)
    {
        if (watermark <= Context.CurrentWatermark)
        {
            return;
        }

        Context.CurrentWatermark = watermark;
        if (FinishedOnRestore)
        {
            Output.EmitWatermark(new Watermark(watermark));
            return;
        }

        try
        {
            foreach (var timers in Context.TimerServices)
            {
                timers.AdvanceWatermark(watermark);
            }

            Operator.ProcessWatermark(new Watermark(watermark), Output);
        }
        catch (Exception ex) when (ex is not TaskFailureException and not OperationCanceledException)
        {
            throw new TaskFailureException(Context.OperatorId, Context.SubtaskIndex, ex);
        }
    }

    /// <summary>Runs <paramref name="action"/>, naming this operator if it fails.</summary>
    public void Guard(Action<ChainNode> action)
    {
        try
        {
            action(this);
        }
        catch (Exception ex) when (ex is not TaskFailureException and not OperationCanceledException)
        {
            throw new TaskFailureException(Context.OperatorId, Context.SubtaskIndex, ex);
        }
    }
}
