using Sluice.Core.Batches;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Types;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.DataStream.Operators;

/// <summary>
/// The base of keyed DataStream operators: the keyed state backend (restored in <see cref="Open"/>), a timer service
/// without namespace, the keyed context and the main collector. Elements set the current key (only when it changes
/// from the previous element's), timers set it to theirs.
/// </summary>
/// <remarks>
/// <b>Input.</b> Every input must come over a hash edge that uses the same key function and <see cref="ITypeInfo{T}.Hasher"/>,
/// so that each key arrives at the subtask that owns its key group. <b>Threading.</b> Task thread only.
/// </remarks>
internal abstract class KeyedOperatorBase<TKey, TOut>(ITypeInfo<TKey> keyType, StateTtlConfig? defaultTtl)
    : DataStreamOperator, ITimerCallback<TKey, VoidNamespace>
    where TKey : notnull
{
    private readonly Collector<TOut> _collector = new();
    private IKeyedStateBackend<TKey>? _backend;
    private KeyedProcessContext<TKey>? _keyedContext;
    private bool _hasKey;
    private TKey _currentKey = default!;

    protected Collector<TOut> Collector => _collector;

    protected KeyedProcessContext<TKey> KeyedContext => _keyedContext!;

    internal IKeyedStateBackend<TKey> Backend => _backend!;

    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(keyType.Serializer, keyType.Hasher);
        var timerService = context.GetTimerService("user-timers", VoidNamespace.Serializer, this);
        _keyedContext = new KeyedProcessContext<TKey>(context, SideOutputs, new KeyedTimers<TKey>(timerService, () => Context.CurrentWatermark));
        OpenFunction(new RuntimeContext(context, new KeyedStateAccess<TKey>(_backend), defaultTtl));
    }

    /// <summary>Sets the backend's current key (outside element and timer processing, e.g. to visit every key's state).</summary>
    protected void SetCurrentKey(TKey key)
    {
        _backend!.SetCurrentKey(key);
        _currentKey = key;
        _hasKey = true;
    }

    /// <summary>Opens the user function.</summary>
    protected abstract void OpenFunction(RuntimeContext context);

    /// <summary>Calls the user function's OnTimer.</summary>
    protected abstract void InvokeOnTimer(long timestamp, KeyedProcessContext<TKey> context, Collector<TOut> output);

    /// <summary>Runs <paramref name="process"/> for every element of <paramref name="input"/> with its key set; disposes the batch.</summary>
    protected void ProcessElements<TIn>(ElementBatch<TIn> input, Func<TIn, TKey> keyOf, Action<TIn, KeyedProcessContext<TKey>, Collector<TOut>> process,
        IOutput output)
    {
        try
        {
            _collector.SetOutput(output);
            SideOutputs.SetOutput(output);
            var ctx = _keyedContext!;
            ctx.TimeDomain = TimeDomain.EventTime;
            var items = input.Items;
            var ts = input.Timestamps;
            var hasTs = input.HasTimestamps;
            var comparer = EqualityComparer<TKey>.Default;
            for (var i = 0; i < items.Length; i++)
            {
                var item = items[i];
                var key = keyOf(item);
                if (!_hasKey || !comparer.Equals(key, _currentKey))
                {
                    _backend!.SetCurrentKey(key);
                    _currentKey = key;
                    _hasKey = true;
                }

                long? t = hasTs ? ts[i] : null;
                ctx.Key = key;
                ctx.Timestamp = t;
                _collector.CurrentTimestamp = t;
                process(item, ctx, _collector);
            }
        }
        finally
        {
            input.Dispose();
        }

        FlushAll(output);
    }

    void ITimerCallback<TKey, VoidNamespace>.OnEventTime(TimerEntry<TKey, VoidNamespace> timer, IOutput output) =>
        FireTimer(timer, TimeDomain.EventTime, output);

    void ITimerCallback<TKey, VoidNamespace>.OnProcessingTime(TimerEntry<TKey, VoidNamespace> timer, IOutput output)
    {
        FireTimer(timer, TimeDomain.ProcessingTime, output);
        FlushAll(output);
    }

    private void FireTimer(TimerEntry<TKey, VoidNamespace> timer, TimeDomain domain, IOutput output)
    {
        // The timer service set the backend's key; remember it so the next element compares against it.
        _currentKey = timer.Key;
        _hasKey = true;
        _collector.SetOutput(output);
        SideOutputs.SetOutput(output);
        var ctx = _keyedContext!;
        ctx.Key = timer.Key;
        ctx.TimeDomain = domain;
        long? t = domain == TimeDomain.EventTime ? timer.Timestamp : null;
        ctx.Timestamp = t;
        _collector.CurrentTimestamp = t;
        InvokeOnTimer(timer.Timestamp, ctx, _collector);
    }

    protected override void FlushOutputs(IOutput output)
    {
        _collector.SetOutput(output);
        _collector.Flush();
    }

    protected override void DiscardOutputs() => _collector.Discard();
}
