namespace Sluice.DataStream.Sinks;

/// <summary>
/// Where <see cref="CollectingSink{T}"/> commits: staged transactions per checkpoint and the committed elements,
/// kept outside the job so they survive restarts. Thread-safe.
/// </summary>
internal sealed class CollectResults<T>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<T>> _staged = [];
    private readonly HashSet<string> _committedIds = [];
    private readonly List<T> _committed = [];

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

    public void Stage(string id, List<T> rows)
    {
        lock (_lock)
        {
            _staged[id] = rows;
        }
    }

    public void Commit(string id)
    {
        lock (_lock)
        {
            if (_committedIds.Add(id) && _staged.Remove(id, out var rows))
            {
                _committed.AddRange(rows);
            }
        }
    }

    public void AbortAllExcept(string attemptId)
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
