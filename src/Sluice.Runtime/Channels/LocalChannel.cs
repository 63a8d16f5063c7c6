using System.Runtime.CompilerServices;
using Sluice.Core.Messages;

namespace Sluice.Runtime.Channels;

/// <summary>
/// A bounded single-producer single-consumer channel between two subtasks of one process: a ring of
/// messages with no locks. The producer blocks when <see cref="Capacity"/> messages are queued, so a slow
/// consumer slows its producers (backpressure) and memory stays bounded.
/// </summary>
/// <remarks>
/// <b>Threading.</b> Exactly one producer thread calls <see cref="Write"/>; exactly one consumer thread calls
/// <see cref="TryRead"/>. Completion and failure travel in-band (<see cref="MessageKind.EndOfInput"/>), and a
/// cancelled job attempt unblocks both sides through the cancellation token.
/// </remarks>
internal sealed class LocalChannel
{
    private readonly StreamMessage[] _ring;
    private readonly int _mask;
    private readonly Signal _consumerSignal;
    private readonly Signal _producerSignal;
    private long _head; // next slot to read (consumer-owned)
    private long _tail; // next slot to write (producer-owned)

    /// <param name="capacity">Messages queued before the producer blocks.</param>
    /// <param name="consumerSignal">The consumer task's signal, notified when a message arrives.</param>
    /// <param name="producerSignal">The producer task's signal, notified when space frees up.</param>
    public LocalChannel(int capacity, Signal consumerSignal, Signal producerSignal)
    {
        Capacity = capacity;
        var size = 1;
        while (size < capacity)
        {
            size <<= 1;
        }

        _ring = new StreamMessage[size];
        _mask = size - 1;
        _consumerSignal = consumerSignal;
        _producerSignal = producerSignal;
    }

    /// <summary>The number of messages that can be queued before the producer blocks.</summary>
    public int Capacity { get; }

    /// <summary>The number of queued messages (a racy snapshot, for metrics and tests).</summary>
    public int Count => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    /// <summary>True when a write would not block.</summary>
    public bool HasSpace
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _tail - Volatile.Read(ref _head) < Capacity;
    }

    /// <summary>
    /// Queues a message, blocking while the channel is full. Returns the time spent blocked (backpressure)
    /// in stopwatch ticks, zero on the fast path.
    /// </summary>
    public long Write(in StreamMessage message, CancellationToken cancellation)
    {
        long blocked = 0;
        if (!HasSpace)
        {
            blocked = WaitForSpace(cancellation);
        }

        _ring[_tail & _mask] = message;
        Volatile.Write(ref _tail, _tail + 1);
        _consumerSignal.Notify();
        return blocked;
    }

    /// <summary>Takes the next message if there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(out StreamMessage message)
    {
        var head = _head;
        if (head == Volatile.Read(ref _tail))
        {
            message = default;
            return false;
        }

        var slot = head & _mask;
        message = _ring[slot];
        _ring[slot] = default;
        Volatile.Write(ref _head, head + 1);
        _producerSignal.Notify();
        return true;
    }

    /// <summary>True when a message is queued.</summary>
    public bool HasMessages => _head != Volatile.Read(ref _tail);

    /// <summary>Disposes queued batches (after a cancelled attempt).</summary>
    public void Drain()
    {
        while (TryRead(out var m))
        {
            m.Batch?.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long WaitForSpace(CancellationToken cancellation)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!HasSpace)
        {
            cancellation.ThrowIfCancellationRequested();
            _producerSignal.Wait(() => HasSpace, TimeSpan.FromMilliseconds(100), cancellation);
        }

        return System.Diagnostics.Stopwatch.GetTimestamp() - start;
    }
}
