namespace Sluice.DataStream.Functions;

/// <summary>
/// The function of an interval join (<see cref="IntervalJoined{TKey, T1, T2}.Process{TOut}"/>): called once for every pair of
/// a first-stream and a second-stream element of the same key whose event times lie within the interval.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> One instance per subtask (a <see cref="Clone"/>): <see cref="Open"/> → <see cref="ProcessElement"/>* →
/// <see cref="Close"/>.</para>
/// <para><b>Time.</b> Results carry the later of the two event times (<see cref="ProcessJoinContext.Timestamp"/>).</para>
/// <para><b>Threading.</b> Task thread only, never concurrently.</para>
/// </remarks>
/// <typeparam name="T1">The first stream's element type.</typeparam>
/// <typeparam name="T2">The second stream's element type.</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
public abstract class ProcessJoinFunction<T1, T2, TOut>
{
    /// <summary>Creates the function.</summary>
    protected ProcessJoinFunction()
    {
    }

    /// <summary>Called once per subtask before the first pair.</summary>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Processes one joined pair.</summary>
    public abstract void ProcessElement(T1 left, T2 right, ProcessJoinContext context, Collector<TOut> output);

    /// <summary>Called when the subtask ends.</summary>
    public virtual void Close()
    {
    }

    /// <summary>The instance a subtask runs; the default is a shallow copy.</summary>
    public virtual ProcessJoinFunction<T1, T2, TOut> Clone() => (ProcessJoinFunction<T1, T2, TOut>)MemberwiseClone();
}
