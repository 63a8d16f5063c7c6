using System.Globalization;
using System.Text;

namespace Sluice.Core.Batches;

/// <summary>
/// An opt-in count of the arrays rented from <see cref="BufferPool"/> and not yet returned, for tests:
/// <c>using var tracker = BufferLeakTracker.Start(); ...; tracker.AssertNoLeaks();</c>.
/// </summary>
/// <remarks>
/// <para><b>Scope.</b> A tracker sees what is rented and returned in the asynchronous flow that started it,
/// including tasks and threads started from that flow (it is an <see cref="AsyncLocal{T}"/>), so tests that run
/// in parallel do not disturb each other. Trackers nest: an inner tracker's events also count in the outer ones.
/// </para>
/// <para><b>Cost.</b> While no tracker is active anywhere, the pool pays one static read per rent and return.
/// While one is active, each event takes a lock: never enable it in production.</para>
/// <para><b>Threading.</b> Thread-safe. <see cref="Dispose"/> must run in the flow that called <see cref="Start"/>.
/// </para>
/// </remarks>
public sealed class BufferLeakTracker : IDisposable
{
    private static readonly AsyncLocal<BufferLeakTracker?> CurrentTracker = new();
    private static int _activeCount;

    private readonly BufferLeakTracker? _parent;
    private readonly HashSet<Array> _outstanding = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();
    private long _rented;
    private long _returned;
    private long _unmatchedReturns;
    private bool _disposed;

    private BufferLeakTracker(BufferLeakTracker? parent)
    {
        _parent = parent;
    }

    /// <summary>The number of arrays rented under this tracker and not returned.</summary>
    public int Outstanding
    {
        get
        {
            lock (_lock)
            {
                return _outstanding.Count;
            }
        }
    }

    /// <summary>The number of arrays rented under this tracker.</summary>
    public long Rented => Interlocked.Read(ref _rented);

    /// <summary>The number of arrays returned under this tracker.</summary>
    public long Returned => Interlocked.Read(ref _returned);

    /// <summary>
    /// The number of returns of arrays that were not outstanding: returned twice, or rented before the
    /// tracker started. Either way a sign of a bug in the code under test.
    /// </summary>
    public long UnmatchedReturns => Interlocked.Read(ref _unmatchedReturns);

    internal static bool IsActive => Volatile.Read(ref _activeCount) != 0;

    /// <summary>Starts tracking in the current asynchronous flow.</summary>
    public static BufferLeakTracker Start()
    {
        var tracker = new BufferLeakTracker(CurrentTracker.Value);
        CurrentTracker.Value = tracker;
        Interlocked.Increment(ref _activeCount);
        return tracker;
    }

    /// <summary>Throws an <see cref="InvalidOperationException"/> listing the leaks when any array is outstanding
    /// or was returned without being outstanding.</summary>
    public void AssertNoLeaks()
    {
        lock (_lock)
        {
            if (_outstanding.Count == 0 && _unmatchedReturns == 0)
            {
                return;
            }

            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{_outstanding.Count} pooled buffer(s) not returned");
            message.Append(CultureInfo.InvariantCulture, $", {_unmatchedReturns} unmatched return(s).");
            foreach (var array in _outstanding.Take(20))
            {
                message.Append(CultureInfo.InvariantCulture, $" {array.GetType().Name}[{array.Length}];");
            }

            throw new InvalidOperationException(message.ToString());
        }
    }

    /// <summary>Stops tracking; the counts stay readable.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        if (ReferenceEquals(CurrentTracker.Value, this))
        {
            CurrentTracker.Value = _parent;
        }

        Interlocked.Decrement(ref _activeCount);
    }

    internal static void OnRent(Array array)
    {
        for (var tracker = CurrentTracker.Value; tracker is not null; tracker = tracker._parent)
        {
            tracker.Record(array, rented: true);
        }
    }

    internal static void OnReturn(Array array)
    {
        for (var tracker = CurrentTracker.Value; tracker is not null; tracker = tracker._parent)
        {
            tracker.Record(array, rented: false);
        }
    }

    private void Record(Array array, bool rented)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (rented)
            {
                _rented++;
                _outstanding.Add(array);
            }
            else
            {
                _returned++;
                if (!_outstanding.Remove(array))
                {
                    _unmatchedReturns++;
                }
            }
        }
    }
}
