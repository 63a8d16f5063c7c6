using Sluice.Core.Batches;
using Sluice.DataStream.Broadcasting;
using Sluice.DataStream.Functions;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>
/// Runs a <see cref="BroadcastProcessFunction{TIn, TBroadcast, TOut}"/>: input 0 is the non-broadcast stream, input 1
/// the broadcast stream (a broadcast edge, so every subtask sees every broadcast element). The broadcast states are
/// operator state (<see cref="BroadcastStateStore"/>).
/// </summary>
internal sealed class BroadcastProcessOperator<TIn, TBroadcast, TOut>(
    BroadcastProcessFunction<TIn, TBroadcast, TOut> template, IReadOnlyList<BroadcastStateSpec> states, StateTtlConfig? defaultTtl)
    : DataStreamOperator, ITwoInputOperator
{
    private readonly Collector<TOut> _collector = new();
    private BroadcastProcessFunction<TIn, TBroadcast, TOut>? _function;
    private BroadcastStateStore? _states;
    private ReadOnlyBroadcastContext? _readOnly;
    private BroadcastContext? _broadcast;

    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _states = new BroadcastStateStore(context.OperatorState, states);
        _readOnly = new ReadOnlyBroadcastContext(context, SideOutputs, _states);
        _broadcast = new BroadcastContext(context, SideOutputs, _states);
        _function = template.Clone();
        _function.Open(new RuntimeContext(context, null, defaultTtl));
    }

    public override void ProcessBatch(IBatch batch, IOutput output) => ProcessBatch(0, batch, output);

    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        if (input == 0)
        {
            if (Inputs.TryAccept<TIn>(batch, out var elements))
            {
                Run(elements, _readOnly!, _function!.ProcessElement, output);
            }
        }
        else if (Inputs.TryAccept<TBroadcast>(batch, out var broadcast))
        {
            Run(broadcast, _broadcast!, _function!.ProcessBroadcastElement, output);
        }
    }

    public override void SnapshotState(long checkpointId) => _states!.Snapshot(Context.SubtaskIndex);

    public override void Close()
    {
        base.Close();
        _function?.Close();
    }

    protected override void FlushOutputs(IOutput output)
    {
        _collector.SetOutput(output);
        _collector.Flush();
    }

    protected override void DiscardOutputs() => _collector.Discard();

    private void Run<T, TContext>(ElementBatch<T> input, TContext ctx, Action<T, TContext, Collector<TOut>> process, IOutput output)
        where TContext : ProcessContext
    {
        try
        {
            _collector.SetOutput(output);
            SideOutputs.SetOutput(output);
            var items = input.Items;
            var ts = input.Timestamps;
            var hasTs = input.HasTimestamps;
            for (var i = 0; i < items.Length; i++)
            {
                long? t = hasTs ? ts[i] : null;
                ctx.Timestamp = t;
                _collector.CurrentTimestamp = t;
                process(items[i], ctx, _collector);
            }
        }
        finally
        {
            input.Dispose();
        }

        FlushAll(output);
    }
}
