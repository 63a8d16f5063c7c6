using Sluice.Connectors.Postgres.Types;

namespace Sluice.Connectors.Postgres.Lookup;

/// <summary>
/// The partial cache of a lookup function: key → matching rows, at most <c>maxRows</c> keys with least-recently-used
/// eviction, entries expiring a fixed time after they were written and/or last read, measured with the job's clock.
/// </summary>
/// <remarks><b>Threading.</b> Used by one lookup function on its task thread only.</remarks>
internal sealed class LookupCache(long maxRows, TimeSpan? expireAfterWrite, TimeSpan? expireAfterAccess, bool cacheMissingKeys, TimeProvider clock)
{
    private readonly Dictionary<RowKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _order = new();

    public int Count => _entries.Count;

    public bool TryGet(RowKey key, out IReadOnlyList<object?[]> rows)
    {
        rows = [];
        if (!_entries.TryGetValue(key, out var node))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var entry = node.Value;
        if ((expireAfterWrite is { } write && now - entry.Written >= write) || (expireAfterAccess is { } access && now - entry.Accessed >= access))
        {
            _order.Remove(node);
            _entries.Remove(key);
            return false;
        }

        entry.Accessed = now;
        _order.Remove(node);
        _order.AddFirst(node);
        rows = entry.Rows;
        return true;
    }

    public void Put(RowKey key, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count == 0 && !cacheMissingKeys)
        {
            return;
        }

        if (_entries.Remove(key, out var old))
        {
            _order.Remove(old);
        }

        var now = clock.GetUtcNow();
        _entries[key] = _order.AddFirst(new Entry(key, rows, now) { Accessed = now });
        while (_entries.Count > maxRows && _order.Last is { } last)
        {
            _order.RemoveLast();
            _entries.Remove(last.Value.Key);
        }
    }

    private sealed class Entry(RowKey key, IReadOnlyList<object?[]> rows, DateTimeOffset written)
    {
        public RowKey Key => key;

        public IReadOnlyList<object?[]> Rows => rows;

        public DateTimeOffset Written => written;

        public DateTimeOffset Accessed { get; set; }
    }
}
