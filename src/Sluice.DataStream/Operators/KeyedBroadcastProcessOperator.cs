using Sluice.Core.Batches;
using Sluice.DataStream.Broadcasting;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Types;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>
/// Runs a <see cref="KeyedBroadcastProcessFunction{TKey, TIn, TBroadcast, TOut}"/>: input 0 is the keyed stream (hash
/// edge; keyed state and timers), input 1 the broadcast stream (broadcast edge). The broadcast states are operator
/// state (<see cref="BroadcastStateStore"/>), the keyed state lives in the keyed backend.
/// </summary>
internal sealed class KeyedBroadcastProcessOperator<TKey, TIn, TBroadcast, TOut>(
    KeyedBroadcastProcessFunction<TKey, TIn, TBroadcast, TOut> template, Func<TIn, TKey> keyOf, ITypeInfo<TKey> keyType,
    IReadOnlyList<BroadcastStateSpec> states, StateTtlConfig? defaultTtl)
    : KeyedOperatorBase<TKey, TOut>(keyType, defaultTtl), ITwoInputOperator
    where TKey : notnull
{
    private KeyedBroadcastProcessFunction<TKey, TIn, TBroadcast, TOut>? _function;
    private BroadcastStateStore? _states;
    private KeyedReadOnlyBroadcastContext<TKey>? _readOnly;
    private KeyedBroadcastContext<TKey>? _broadcast;
    private Action<TIn, KeyedProcessContext<TKey>, Collector<TOut>>? _process;

    public override void ProcessBatch(IBatch batch, IOutput output) => ProcessBatch(0, batch, output);

    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        if (input == 0)
        {
            if (Inputs.TryAccept<TIn>(batch, out var elements))
            {
                ProcessElements(elements, keyOf, _process!, output);
            }
        }
        else if (Inputs.TryAccept<TBroadcast>(batch, out var broadcast))
        {
            ProcessBroadcast(broadcast, output);
        }
    }

    public override void SnapshotState(long checkpointId) => _states!.Snapshot(Context.SubtaskIndex);

    public override void Close()
    {
        base.Close();
        _function?.Close();
    }

    protected override void OpenFunction(RuntimeContext context)
    {
        _states = new BroadcastStateStore(Context.OperatorState, states);
        _readOnly = new KeyedReadOnlyBroadcastContext<TKey>(Context, SideOutputs, _states, KeyedContext.Timers);
        _broadcast = new KeyedBroadcastContext<TKey>(Context, SideOutputs, _states, ApplyToKeyedState);
        _function = template.Clone();
        _process = ProcessKeyed;
        _function.Open(context);
    }

    protected override void InvokeOnTimer(long timestamp, KeyedProcessContext<TKey> context, Collector<TOut> output)
    {
        var ctx = Sync(context);
        _function!.OnTimer(timestamp, ctx, output);
    }

    private void ProcessKeyed(TIn value, KeyedProcessContext<TKey> context, Collector<TOut> output) =>
        _function!.ProcessElement(value, Sync(context), output);

    private KeyedReadOnlyBroadcastContext<TKey> Sync(KeyedProcessContext<TKey> context)
    {
        var ctx = _readOnly!;
        ctx.Key = context.Key;
        ctx.Timestamp = context.Timestamp;
        ctx.TimeDomain = context.TimeDomain;
        return ctx;
    }

    private void ApplyToKeyedState(string stateName, Action<TKey> function)
    {
        foreach (var key in Backend.GetKeys(stateName))
        {
            SetCurrentKey(key);
            function(key);
        }
    }

    private void ProcessBroadcast(ElementBatch<TBroadcast> input, IOutput output)
    {
        var collector = Collector;
        try
        {
            collector.SetOutput(output);
            SideOutputs.SetOutput(output);
            var ctx = _broadcast!;
            var items = input.Items;
            var ts = input.Timestamps;
            var hasTs = input.HasTimestamps;
            for (var i = 0; i < items.Length; i++)
            {
                long? t = hasTs ? ts[i] : null;
                ctx.Timestamp = t;
                collector.CurrentTimestamp = t;
                _function!.ProcessBroadcastElement(items[i], ctx, collector);
            }
        }
        finally
        {
            input.Dispose();
        }

        FlushAll(output);
    }
}
