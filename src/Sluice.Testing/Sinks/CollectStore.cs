namespace Sluice.Testing.Sinks;

/// <summary>
/// The "external system" behind <see cref="CollectSink{T}"/>: staged transactions and committed rows, kept
/// outside the job so they survive job restarts within the process. Thread-safe.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class CollectStore<T>
{
    private readonly object _lock = new();
    private readonly Dictionary<string, List<T>> _staged = [];
    private readonly HashSet<string> _committedIds = [];
    private readonly List<T> _committed = [];

    /// <summary>The committed rows, in commit order.</summary>
    public IReadOnlyList<T> Committed
    {
        get
        {
            lock (_lock)
            {
                return [.. _committed];
            }
        }
    }

    /// <summary>The number of committed rows.</summary>
    public int CommittedCount
    {
        get
        {
            lock (_lock)
            {
                return _committed.Count;
            }
        }
    }

    /// <summary>The number of staged (pre-committed, not yet committed) transactions.</summary>
    public int StagedCount
    {
        get
        {
            lock (_lock)
            {
                return _staged.Count;
            }
        }
    }

    internal void Stage(string id, List<T> rows)
    {
        lock (_lock)
        {
            _staged[id] = rows;
        }
    }

    internal void Commit(string id)
    {
        lock (_lock)
        {
            if (_committedIds.Contains(id))
            {
                return;
            }

            if (!_staged.Remove(id, out var rows))
            {
                throw new InvalidOperationException($"Transaction '{id}' is neither staged nor committed: its data would be lost.");
            }

            _committedIds.Add(id);
            _committed.AddRange(rows);
        }
    }

    internal void AbortAllExcept(string attemptId)
    {
        lock (_lock)
        {
            foreach (var id in _staged.Keys.Where(k => !k.StartsWith(attemptId + "/", StringComparison.Ordinal)).ToList())
            {
                _staged.Remove(id);
            }
        }
    }
}
