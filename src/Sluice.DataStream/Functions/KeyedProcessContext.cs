using Sluice.DataStream.Operators;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Functions;

/// <summary>
/// The context of a function on a keyed stream: the current key, timers of that key, and (in <c>OnTimer</c>) which
/// clock fired.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class KeyedProcessContext<TKey> : ProcessContext
    where TKey : notnull
{
    internal KeyedProcessContext(OperatorContext context, SideOutputs sideOutputs, ITimerService timers)
        : base(context, sideOutputs)
    {
        Timers = timers;
    }

    /// <summary>The key of the element or timer being processed.</summary>
    public TKey Key { get; internal set; } = default!;

    /// <summary>Timers of the current key.</summary>
    public ITimerService Timers { get; }

    /// <summary>In <c>OnTimer</c>: the clock of the timer that fired; <see cref="TimeDomain.EventTime"/> elsewhere.</summary>
    public TimeDomain TimeDomain { get; internal set; }
}
