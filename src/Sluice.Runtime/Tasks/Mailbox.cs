using System.Collections.Concurrent;
using Sluice.Runtime.Channels;

namespace Sluice.Runtime.Tasks;

/// <summary>
/// The queue of control actions ("mails") of one task: checkpoint triggers and completions, processing-time
/// timers, termination.
/// </summary>
/// <remarks>
/// <b>Threading model.</b> Any thread may <see cref="Post"/>; only the task thread runs mails, between batches,
/// so mails never run concurrently with the operators. The hot path checks <see cref="HasMail"/>, one volatile
/// read. Posting wakes the task if it is parked.
/// </remarks>
internal sealed class Mailbox
{
    private readonly ConcurrentQueue<Action> _mails = new();
    private readonly Signal _signal;
    private int _count;

    public Mailbox(Signal signal)
    {
        _signal = signal;
    }

    /// <summary>True when at least one mail waits.</summary>
    public bool HasMail => Volatile.Read(ref _count) > 0;

    /// <summary>Queues a mail (any thread).</summary>
    public void Post(Action mail)
    {
        _mails.Enqueue(mail);
        Interlocked.Increment(ref _count);
        _signal.Notify();
    }

    /// <summary>Runs every queued mail (task thread only).</summary>
    public void RunAll()
    {
        while (_mails.TryDequeue(out var mail))
        {
            Interlocked.Decrement(ref _count);
            mail();
        }
    }
}
