namespace Sluice.Runtime.Channels;

/// <summary>
/// Parks one waiting thread until another thread signals that something it waits for may be ready.
/// The waiter publishes that it is parked before re-checking its condition, and notifiers publish their
/// change before reading the parked flag (full fences on both sides), so a wake-up is never lost. The hot
/// path (nobody parked) is one volatile read, no lock.
/// </summary>
internal sealed class Signal : IDisposable
{
    private readonly ManualResetEventSlim _event = new(false, spinCount: 0);
    private int _parked;

    /// <summary>Wakes the waiter if it is parked.</summary>
    public void Notify()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _parked) != 0)
        {
            _event.Set();
        }
    }

    /// <summary>Waits until <paramref name="ready"/> holds, a notification arrives, the timeout passes or the token is cancelled.</summary>
    public void Wait(Func<bool> ready, TimeSpan timeout, CancellationToken cancellation)
    {
        _event.Reset();
        Interlocked.Exchange(ref _parked, 1);
        try
        {
            if (!ready())
            {
                _event.Wait(timeout, cancellation);
            }
        }
        finally
        {
            Volatile.Write(ref _parked, 0);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _event.Dispose();
}
