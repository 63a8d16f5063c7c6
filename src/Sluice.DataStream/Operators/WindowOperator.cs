using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Types;
using Sluice.DataStream.Windowing;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Windowing;
using Sluice.Runtime.Time;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.DataStream.Operators;

/// <summary>
/// The window operator of <see cref="WindowedStream{TKey, T}"/>, with Flink's semantics: every element is assigned to
/// windows; per (key, window) its contents (<see cref="WindowContents{T, TAgg}"/>), trigger state and timers live in
/// keyed state with the window as namespace; the trigger decides when the window function runs and when contents are
/// purged; a window is cleaned up (contents, trigger, per-window state) at its end plus the allowed lateness.
/// </summary>
/// <remarks>
/// <para><b>Lateness.</b> An element whose every window is late (event time, <c>MaxTimestamp + lateness &lt;= watermark</c>)
/// is dropped and counted, or emitted to the late side output. Within the lateness the element is added and the
/// trigger decides (the event-time trigger fires again at once).</para>
/// <para><b>Merging.</b> For merging assigners the active windows of a key are kept in list state; a new window
/// that overlaps active ones merges them (contents merged, old triggers cleared, <see cref="Trigger.OnMerge"/>).</para>
/// <para><b>State.</b> Everything is in the keyed backend (per key group): checkpointed, restored and redistributed
/// with the keys, timers included.</para>
/// <para><b>Threading.</b> Task thread only.</para>
/// </remarks>
internal sealed partial class WindowOperator<TKey, T, TAgg, TOut> : DataStreamOperator, ITimerCallback<TKey, TimeWindow>, IWindowServices
    where TKey : notnull
{
    private readonly Func<T, TKey> _keyOf;
    private readonly ITypeInfo<TKey> _keyType;
    private readonly WindowAssigner _assigner;
    private readonly Trigger _trigger;
    private readonly long _allowedLateness;
    private readonly OutputTag<T>? _lateTag;
    private readonly WindowContents<T, TAgg> _contents;
    private readonly ProcessWindowFunction<TAgg, TOut, TKey> _template;
    private readonly Collector<TOut> _collector = new();
    private readonly List<TimeWindow> _windows = [];
    private readonly Dictionary<string, object> _windowStates = [];
    private readonly Dictionary<string, object> _globalStates = [];
    private ProcessWindowFunction<TAgg, TOut, TKey>? _function;
    private IKeyedStateBackend<TKey>? _backend;
    private TimerService<TKey, TimeWindow>? _timers;
    private TriggerContext? _triggerContext;
    private ProcessWindowContext? _windowContext;
    private TimeWindow _window;
    private bool _hasKey;
    private TKey _currentKey = default!;
    private long _lateElementsDropped;

    /// <summary>
    /// A direct-mapped cache of timer registrations made since the last timer fired or was deleted (the generation
    /// changes then): a hit means the timer is still queued, so registering it again (a key-group computation and a
    /// lookup in the queue) is skipped. Not checkpointed: a restored instance starts empty.
    /// </summary>
    private readonly (TKey Key, TimeWindow Window, long Time, bool EventTime, long Generation)[] _registered =
        new (TKey, TimeWindow, long, bool, long)[RegistrationCacheSize];

    private long _generation = 1;

    private const int RegistrationCacheSize = 4096;

    public WindowOperator(Func<T, TKey> keyOf, ITypeInfo<TKey> keyType, WindowAssigner assigner, Trigger trigger, TimeSpan allowedLateness,
        OutputTag<T>? lateTag, WindowContents<T, TAgg> contents, ProcessWindowFunction<TAgg, TOut, TKey> function)
    {
        if (assigner.IsMerging && !trigger.CanMerge)
        {
            throw new ArgumentException($"The trigger {trigger.GetType().Name} does not support merging windows ({assigner.GetType().Name}).");
        }

        _keyOf = keyOf;
        _keyType = keyType;
        _assigner = assigner;
        _trigger = trigger;
        _allowedLateness = allowedLateness.Ticks / TimeSpan.TicksPerMillisecond;
        _lateTag = lateTag;
        _contents = contents;
        _template = function;
    }

    /// <summary>Elements dropped because all their windows were late (not counting those sent to the late side output).</summary>
    internal long LateElementsDropped => _lateElementsDropped;

    /// <summary>Pending event-time timers (trigger and cleanup); for tests.</summary>
    internal int PendingEventTimers => _timers?.EventTimerCount ?? 0;

    /// <summary>The keys with window contents in any window; for tests.</summary>
    internal IEnumerable<TKey> KeysWithContents => _backend?.GetKeys("window-contents") ?? [];

    public long CurrentWatermark => Context.CurrentWatermark;

    public long CurrentProcessingTime => Context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(_keyType.Serializer, _keyType.Hasher);
        _timers = context.GetTimerService("window-timers", TimeWindowSerializer.Instance, this);
        _contents.Open(_backend);
        if (_assigner.IsMerging)
        {
            OpenMerging(_backend);
        }

        _triggerContext = new TriggerContext(this);
        _windowContext = new ProcessWindowContext(this);
        _function = _template.Clone();
        _function.Open(new RuntimeContext(context, new KeyedStateAccess<TKey>(_backend), null));
    }

    public override void Close()
    {
        base.Close();
        _function?.Close();
    }

    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (!Inputs.TryAccept<T>(batch, out var input))
        {
            return;
        }

        try
        {
            _collector.SetOutput(output);
            SideOutputs.SetOutput(output);
            var items = input.Items;
            var ts = input.Timestamps;
            var hasTs = input.HasTimestamps;
            var eventTime = _assigner.IsEventTime;
            if (eventTime && !hasTs && items.Length > 0)
            {
                throw new InvalidOperationException(
                    "An event-time window received elements without event times; assign timestamps (a WatermarkStrategy) first.");
            }

            var comparer = EqualityComparer<TKey>.Default;
            for (var i = 0; i < items.Length; i++)
            {
                var item = items[i];
                var key = _keyOf(item);
                if (!_hasKey || !comparer.Equals(key, _currentKey))
                {
                    _backend!.SetCurrentKey(key);
                    _currentKey = key;
                    _hasKey = true;
                }

                var timestamp = hasTs ? ts[i] : long.MinValue;
                ProcessElement(key, item, timestamp, eventTime ? timestamp : CurrentProcessingTime);
            }
        }
        finally
        {
            input.Dispose();
        }

        FlushAll(output);
    }

    private void ProcessElement(TKey key, T item, long timestamp, long assignTime)
    {
        _windows.Clear();
        _assigner.AssignWindows(assignTime, _windows);
        var skipped = true;
        for (var w = 0; w < _windows.Count; w++)
        {
            var window = _windows[w];
            if (_assigner.IsMerging)
            {
                window = AddToMergingSet(key, window);
            }

            if (IsWindowLate(window))
            {
                if (_assigner.IsMerging)
                {
                    RetireWindow(window);
                }

                continue;
            }

            skipped = false;
            _window = window;
            _contents.SetWindow(window);
            _contents.Add(item, timestamp);
            var result = _trigger.OnElement(timestamp, window, _triggerContext!);
            Handle(key, window, result);
            RegisterCleanupTimer(window);
        }

        if (skipped && _assigner.IsEventTime && timestamp + _allowedLateness <= CurrentWatermark && timestamp != long.MinValue)
        {
            if (_lateTag is not null)
            {
                SideOutputs.Emit(_lateTag, item, timestamp);
            }
            else
            {
                _lateElementsDropped++;
            }
        }
    }

    private void Handle(TKey key, TimeWindow window, TriggerResult result)
    {
        if (result is TriggerResult.Fire or TriggerResult.FireAndPurge)
        {
            _contents.SetWindow(window);
            if (_contents.TryGet(window, CurrentWatermark, out var input))
            {
                var ctx = _windowContext!;
                ctx.Window = window;
                _collector.CurrentTimestamp = window.MaxTimestamp;
                _function!.Process(key, ctx, input, _collector);
                _contents.SetWindow(window);
                _contents.AfterFire(window, CurrentWatermark);
            }
        }

        if (result is TriggerResult.Purge or TriggerResult.FireAndPurge)
        {
            _contents.SetWindow(window);
            _contents.Clear();
        }
    }

    void ITimerCallback<TKey, TimeWindow>.OnEventTime(TimerEntry<TKey, TimeWindow> timer, IOutput output)
    {
        OnTimer(timer, eventTime: true, output);
    }

    void ITimerCallback<TKey, TimeWindow>.OnProcessingTime(TimerEntry<TKey, TimeWindow> timer, IOutput output)
    {
        OnTimer(timer, eventTime: false, output);
        FlushAll(output);
    }

    private void OnTimer(TimerEntry<TKey, TimeWindow> timer, bool eventTime, IOutput output)
    {
        _generation++;
        _currentKey = timer.Key;
        _hasKey = true;
        _collector.SetOutput(output);
        SideOutputs.SetOutput(output);
        var window = timer.Namespace;
        if (_assigner.IsMerging && !IsActiveMergingWindow(window))
        {
            // The window was merged into another one (or retired): its timers are stale.
            return;
        }

        _window = window;
        var result = eventTime
            ? _trigger.OnEventTime(timer.Timestamp, window, _triggerContext!)
            : _trigger.OnProcessingTime(timer.Timestamp, window, _triggerContext!);
        Handle(timer.Key, window, result);
        if (eventTime == _assigner.IsEventTime && window.End != long.MaxValue && timer.Timestamp == CleanupTime(window))
        {
            ClearAllState(window);
        }
    }

    private void ClearAllState(TimeWindow window)
    {
        _window = window;
        _contents.SetWindow(window);
        _contents.Clear();
        _trigger.Clear(window, _triggerContext!);
        var ctx = _windowContext!;
        ctx.Window = window;
        _function!.Clear(ctx);
        if (_assigner.IsMerging)
        {
            RetireWindow(window);
        }
    }

    private bool IsWindowLate(TimeWindow window) =>
        _assigner.IsEventTime && CleanupTime(window) <= CurrentWatermark;

    private long CleanupTime(TimeWindow window)
    {
        if (!_assigner.IsEventTime)
        {
            return window.MaxTimestamp;
        }

        var cleanup = window.MaxTimestamp + _allowedLateness;
        return cleanup < window.MaxTimestamp ? long.MaxValue : cleanup;
    }

    private void RegisterCleanupTimer(TimeWindow window)
    {
        if (window.End == long.MaxValue)
        {
            return;
        }

        RegisterTimer(_assigner.IsEventTime, window, CleanupTime(window));
    }

    private void RegisterTimer(bool eventTime, TimeWindow window, long time)
    {
        var key = _currentKey;
        var comparer = EqualityComparer<TKey>.Default;
        var hash = HashCode.Combine(comparer.GetHashCode(key), window.Start, window.End, time, eventTime);
        ref var slot = ref _registered[(int)((uint)hash % RegistrationCacheSize)];
        if (slot.Generation == _generation && slot.Time == time && slot.EventTime == eventTime && slot.Window == window
            && comparer.Equals(slot.Key, key))
        {
            return;
        }

        if (eventTime)
        {
            _timers!.RegisterEventTimeTimer(window, time);
        }
        else
        {
            _timers!.RegisterProcessingTimeTimer(window, time);
        }

        slot = (key, window, time, eventTime, _generation);
    }

    private void DeleteCleanupTimer(TimeWindow window)
    {
        if (window.End == long.MaxValue)
        {
            return;
        }

        var time = CleanupTime(window);
        _generation++;
        if (_assigner.IsEventTime)
        {
            _timers!.DeleteEventTimeTimer(window, time);
        }
        else
        {
            _timers!.DeleteProcessingTimeTimer(window, time);
        }
    }

    protected override void FlushOutputs(IOutput output)
    {
        _collector.SetOutput(output);
        _collector.Flush();
    }

    protected override void DiscardOutputs() => _collector.Discard();

    void IWindowServices.RegisterEventTimeTimer(long time) => RegisterTimer(eventTime: true, _window, time);

    void IWindowServices.RegisterProcessingTimeTimer(long time) => RegisterTimer(eventTime: false, _window, time);

    void IWindowServices.DeleteEventTimeTimer(long time)
    {
        _generation++;
        _timers!.DeleteEventTimeTimer(_window, time);
    }

    void IWindowServices.DeleteProcessingTimeTimer(long time)
    {
        _generation++;
        _timers!.DeleteProcessingTimeTimer(_window, time);
    }

    IValueState<TState> IWindowServices.GetWindowValueState<TState>(ValueStateDescriptor<TState> descriptor, bool userState)
    {
        if (userState && _assigner.IsMerging)
        {
            throw new NotSupportedException("Per-window state is not available for merging (session) windows; use global state.");
        }

        if (!_windowStates.TryGetValue(descriptor.Name, out var s))
        {
            _windowStates[descriptor.Name] = s = _backend!.GetValueState(descriptor, TimeWindowSerializer.Instance);
        }

        var state = (INamespacedValueState<TimeWindow, TState>)s;
        state.SetCurrentNamespace(_window);
        return state;
    }

    IValueState<TState> IWindowServices.GetGlobalValueState<TState>(ValueStateDescriptor<TState> descriptor)
    {
        if (!_globalStates.TryGetValue(descriptor.Name, out var s))
        {
            _globalStates[descriptor.Name] = s = _backend!.GetValueState(descriptor);
        }

        return (IValueState<TState>)s;
    }

    void IWindowServices.EmitSide<TSide>(OutputTag<TSide> tag, TSide value, long timestamp) => SideOutputs.Emit(tag, value, timestamp);
}
