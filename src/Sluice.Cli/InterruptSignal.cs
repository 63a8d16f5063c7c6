namespace Sluice.Cli;

/// <summary>
/// Ctrl-C as an event the CLI handles itself: whoever is running something (a job, a query) subscribes while it
/// runs; the latest subscriber gets the interrupt. When nobody is subscribed, the interrupt is not handled and the
/// process ends as usual.
/// </summary>
/// <remarks>Thread-safe: interrupts arrive on a thread of the runtime's signal handling.</remarks>
internal sealed class InterruptSignal
{
    private readonly Lock _lock = new();
    private readonly List<Action> _handlers = [];

    /// <summary>Makes <paramref name="handler"/> receive interrupts until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action handler)
    {
        lock (_lock)
        {
            _handlers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    /// <summary>Delivers an interrupt to the latest subscriber; false when there is none.</summary>
    public bool Raise()
    {
        Action? handler;
        lock (_lock)
        {
            handler = _handlers.Count == 0 ? null : _handlers[^1];
        }

        handler?.Invoke();
        return handler is not null;
    }

    private void Unsubscribe(Action handler)
    {
        lock (_lock)
        {
            _handlers.Remove(handler);
        }
    }

    private sealed class Subscription(InterruptSignal signal, Action handler) : IDisposable
    {
        public void Dispose() => signal.Unsubscribe(handler);
    }
}
