using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.DataStream.Functions;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Joining;

/// <summary>
/// The interval join (Flink's semantics) as a keyed co-process function: both sides are buffered per key in map state
/// by event time; a first-stream element at <c>t</c> joins the second-stream elements with event times in
/// <c>[t + lower, t + upper]</c> (bounds already narrowed for exclusivity), and vice versa. Elements behind the
/// watermark are dropped (or emitted to the late side outputs); a bucket is removed by an event-time timer once no element still to come can join it.
/// </summary>
/// <remarks><b>State.</b> Two map states and the timers, all keyed: checkpointed, restored and rescaled with the keys. The
/// environment's default state TTL does not apply to them: the watermark cleans them up.</remarks>
internal sealed class IntervalJoinFunction<TKey, T1, T2, TOut>(
    ProcessJoinFunction<T1, T2, TOut> template, long lower, long upper, ITypeSerializer<T1> leftSerializer, ITypeSerializer<T2> rightSerializer,
    OutputTag<T1>? leftLateTag = null, OutputTag<T2>? rightLateTag = null)
    : KeyedCoProcessFunction<TKey, T1, T2, TOut>
    where TKey : notnull
{
    private ProcessJoinContext? _joinContext;
    private ProcessJoinFunction<T1, T2, TOut>? _function;
    private IMapState<long, List<T1>>? _left;
    private IMapState<long, List<T2>>? _right;

    private long LeftCleanupDelay => Math.Max(0, upper);

    private long RightCleanupDelay => Math.Max(0, -lower);

    public override void Open(RuntimeContext context)
    {
        _left = context.GetMapStateWithoutDefaultTtl(new MapStateDescriptor<long, List<T1>>("interval-join-left", Serializers.Int64, Serializers.ListOf(leftSerializer)));
        _right = context.GetMapStateWithoutDefaultTtl(new MapStateDescriptor<long, List<T2>>("interval-join-right", Serializers.Int64, Serializers.ListOf(rightSerializer)));
        _joinContext = new ProcessJoinContext();
        _function = template.Clone();
        _function.Open(context);
    }

    public override void ProcessElement1(T1 value, KeyedProcessContext<TKey> context, Collector<TOut> output)
    {
        var ts = TimestampOf(context);
        if (IsLate(ts, context))
        {
            if (leftLateTag is not null)
            {
                context.Output(leftLateTag, value);
            }

            return;
        }

        Add(_left!, ts, value);
        foreach (var (rightTs, rights) in _right!.Entries())
        {
            if (rightTs >= ts + lower && rightTs <= ts + upper)
            {
                foreach (var right in rights)
                {
                    Emit(value, right, ts, rightTs, context, output);
                }
            }
        }

        context.Timers.RegisterEventTimeTimer(ts + LeftCleanupDelay);
    }

    public override void ProcessElement2(T2 value, KeyedProcessContext<TKey> context, Collector<TOut> output)
    {
        var ts = TimestampOf(context);
        if (IsLate(ts, context))
        {
            if (rightLateTag is not null)
            {
                context.Output(rightLateTag, value);
            }

            return;
        }

        Add(_right!, ts, value);
        foreach (var (leftTs, lefts) in _left!.Entries())
        {
            if (ts >= leftTs + lower && ts <= leftTs + upper)
            {
                foreach (var left in lefts)
                {
                    Emit(left, value, leftTs, ts, context, output);
                }
            }
        }

        context.Timers.RegisterEventTimeTimer(ts + RightCleanupDelay);
    }

    public override void OnTimer(long timestamp, KeyedProcessContext<TKey> context, Collector<TOut> output)
    {
        RemoveUpTo(_left!, timestamp - LeftCleanupDelay);
        RemoveUpTo(_right!, timestamp - RightCleanupDelay);
    }

    public override void Close() => _function?.Close();

    private static long TimestampOf(KeyedProcessContext<TKey> context) => context.Timestamp ?? throw new JobException(
        "An interval join needs event times on both inputs: assign timestamps and watermarks before IntervalJoin.");

    private static bool IsLate(long ts, KeyedProcessContext<TKey> context) =>
        context.CurrentWatermark != long.MinValue && ts < context.CurrentWatermark;

    private static void Add<T>(IMapState<long, List<T>> buffer, long ts, T value)
    {
        if (!buffer.TryGet(ts, out var list))
        {
            list = [];
        }

        list.Add(value);
        buffer.Put(ts, list);
    }

    private static void RemoveUpTo<T>(IMapState<long, List<T>> buffer, long maxTimestamp)
    {
        List<long>? expired = null;
        foreach (var ts in buffer.Keys())
        {
            if (ts <= maxTimestamp)
            {
                (expired ??= []).Add(ts);
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var ts in expired)
        {
            buffer.Remove(ts);
        }
    }

    private void Emit(T1 left, T2 right, long leftTs, long rightTs, KeyedProcessContext<TKey> context, Collector<TOut> output)
    {
        _joinContext!.Set(context, leftTs, rightTs);
        var saved = output.CurrentTimestamp;
        output.CurrentTimestamp = Math.Max(leftTs, rightTs);
        try
        {
            _function!.ProcessElement(left, right, _joinContext, output);
        }
        finally
        {
            output.CurrentTimestamp = saved;
        }
    }
}
