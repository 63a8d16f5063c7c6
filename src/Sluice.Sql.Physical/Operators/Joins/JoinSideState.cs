using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// One side's stored rows of a regular join: per join key one <see cref="JoinRows"/> (all the key's rows in one block of
/// bytes) in a value state, instead of a map with an object per row. Rows are kept encoded and are decoded only when
/// they are emitted.
/// </summary>
/// <remarks>
/// <para><b>Blocks.</b> Without a time-to-live the blocks come from the side's <see cref="JoinRowsArena"/>: slices of large
/// pages, reused when a key's rows move to a larger block or go away, so that growing state leaves no garbage and the
/// garbage collector walks a few pages instead of an array per key. With a time-to-live (the value state may drop a key
/// without this class seeing it) each key has an array of its own.</para>
/// <para><b>Time-to-live.</b> As the map state it replaces, per row: each entry carries the time of its last write (or
/// read, with <see cref="TtlUpdateType.OnReadAndWrite"/>), and an expired entry is dropped when its key is next
/// loaded. The value state has the same time-to-live, so a key none of whose rows was touched for that long is dropped
/// whole, also from snapshots. Expired rows are never returned (<see cref="TtlVisibility.ReturnExpiredIfNotCleanedUp"/>
/// is treated as <see cref="TtlVisibility.NeverReturnExpired"/>).</para>
/// <para><b>Earlier snapshots.</b> Snapshots written before this form kept the rows in a map state (row → (count,
/// matches)) under another name; <see cref="Open"/> declares it too and moves whatever was restored into it into the
/// new form (restored rows count as written at that moment for their time-to-live).</para>
/// <para><b>Threading.</b> Task thread only, like the backend.</para>
/// </remarks>
internal sealed class JoinSideState
{
    private static readonly ITypeSerializer<(long Count, long Matches)> LegacyEntrySerializer =
        Serializers.Tuple(Serializers.Int64, Serializers.Int64);

    /// <summary>The most entries a key may have for an added row to be looked for among them (see <see cref="Add"/>).</summary>
    /// <remarks>Bounded, because the search reads every entry's header: for keys of distinct rows (all of Nexmark's) it is pure
    /// cost, at most this many header reads per added row.</remarks>
    public const int DeduplicationLimit = 32;

    /// <summary>The bytes on the arena's free lists below which <see cref="CompactIfWasteful"/> never moves the rows.</summary>
    public const long CompactionThreshold = 64L << 20;

    private readonly string _name;
    private readonly string _legacyName;
    private readonly bool _legacyCountsOnly;
    private readonly StateTtlConfig? _ttl;
    private readonly long _ttlMillis;
    private IValueState<JoinRows>? _state;
    private IValueStateReference<JoinRows>? _direct;
    private IKeyedStateBackend<RowKey>? _backend;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>Creates the side's state.</summary>
    /// <param name="name">The name of the value state.</param>
    /// <param name="legacyName">The name of the map state earlier snapshots kept the side's rows in.</param>
    /// <param name="outer">The side is an outer side (its entries count their matches).</param>
    /// <param name="ttl">The rows' time-to-live, or null.</param>
    /// <param name="legacyCountsOnly">
    /// The earlier form's map state kept a count per row (row → count, as the semi and anti join's did) rather than
    /// (count, matches); its rows restore with no matches.
    /// </param>
    public JoinSideState(string name, string legacyName, bool outer, StateTtlConfig? ttl, bool legacyCountsOnly = false)
    {
        _name = name;
        _legacyName = legacyName;
        _legacyCountsOnly = legacyCountsOnly;
        _ttl = ttl;
        _ttlMillis = ttl is null ? 0 : Math.Max(1, (long)Math.Ceiling(ttl.Ttl.TotalMilliseconds));
        // With a time-to-live the value state drops whole keys on its own (their blocks would never come back to the
        // arena), so such a side keeps an array per key.
        Layout = new JoinRowsLayout(outer, ttl is not null, new JoinRowsArena(pooled: ttl is null));
    }

    /// <summary>The layout of the side's entries.</summary>
    public JoinRowsLayout Layout { get; }

    /// <summary>True when rows carry timestamps (a time-to-live is set).</summary>
    public bool HasTtl => _ttl is not null;

    /// <summary>
    /// True when the side's input is insert-only (the planner knows): <see cref="Add"/> then appends each row as an entry of
    /// its own without looking for an equal one (the same multiset; see <see cref="Add"/>). Retractions, should any come,
    /// still find their row by its bytes. Not part of the state: snapshots are the same either way.
    /// </summary>
    public bool InsertOnly { get; set; }

    /// <summary>Declares (restores) the state, and moves rows restored in the earlier form into it.</summary>
    public void Open(IKeyedStateBackend<RowKey> backend, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _clock = clock;
        _backend = backend;
        Layout.Arena.Reset();
        _state = backend.GetValueState(new ValueStateDescriptor<JoinRows>(_name, new JoinRowsSerializer(Layout)) { Ttl = _ttl });
        // Without a time-to-live a key's rows are changed in place, through one lookup of the key's slot per added or
        // retracted row (a load and a store were two); with one, Load's per-row expiry and the stores that refresh it stay.
        _direct = _ttl is null ? _state as IValueStateReference<JoinRows> : null;
        var now = Now();
        if (_legacyCountsOnly)
        {
            var counts = backend.GetMapState(
                new MapStateDescriptor<RowData, long>(_legacyName, RowDataSerializer.Instance, Serializers.Int64) { Ttl = _ttl });
            foreach (var key in backend.GetKeys(_legacyName).ToList())
            {
                backend.SetCurrentKey(key);
                var rows = Load(now);
                foreach (var (row, count) in counts.Entries().ToList())
                {
                    rows = AppendLegacy(rows, row, count, 0, now);
                }

                counts.Clear();
                Store(rows);
            }

            return;
        }

        var legacy = backend.GetMapState(
            new MapStateDescriptor<RowData, (long Count, long Matches)>(_legacyName, RowDataSerializer.Instance, LegacyEntrySerializer) { Ttl = _ttl });
        foreach (var key in backend.GetKeys(_legacyName).ToList())
        {
            backend.SetCurrentKey(key);
            var rows = Load(now);
            foreach (var (row, (count, matches)) in legacy.Entries().ToList())
            {
                rows = AppendLegacy(rows, row, count, matches, now);
            }

            legacy.Clear();
            Store(rows);
        }
    }

    /// <summary><paramref name="rows"/> with <paramref name="count"/> occurrences of a row restored in the earlier form.</summary>
    private JoinRows AppendLegacy(JoinRows rows, RowData row, long count, long matches, long now)
    {
        for (var left = count; left > 0; left -= int.MaxValue)
        {
            rows = Layout.Append(rows, row.Bytes.Span, (int)Math.Min(left, int.MaxValue), matches, now);
        }

        return rows;
    }

    /// <summary>
    /// When the arena's free lists hold more than its blocks in use (and at least <see cref="CompactionThreshold"/>), moves
    /// every key's rows into new pages, one pass over the keys, and lets the old pages go: keys that all keep growing (no
    /// new keys to take the blocks they outgrew) would otherwise keep up to twice their bytes on the free lists. Changes
    /// the backend's current key; call between rows. Returns true when it moved the rows.
    /// </summary>
    public bool CompactIfWasteful()
    {
        if (!Layout.Arena.IsWasteful(CompactionThreshold))
        {
            return false;
        }

        Compact();
        return true;
    }

    /// <summary>Moves every key's rows into new pages of the arena (see <see cref="CompactIfWasteful"/>).</summary>
    internal void Compact()
    {
        var backend = _backend ?? throw new InvalidOperationException("The join state is not open.");
        var state = _state!;
        var keys = backend.GetKeys(_name);

        // The arena forgets its pages and free lists; the rows still point into the old pages until they are copied.
        Layout.Arena.Reset();
        foreach (var key in keys)
        {
            backend.SetCurrentKey(key);
            if (state.TryGet(out var rows) && !rows.IsEmpty)
            {
                state.Update(Layout.Copy(rows.Used, rows.Entries));
            }
        }
    }

    /// <summary>The current time for timestamps (Unix milliseconds); 0 without a time-to-live.</summary>
    public long Now() => _ttl is null ? 0 : _clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// The current key's rows: expired entries dropped (and the change stored), and with
    /// <see cref="TtlUpdateType.OnReadAndWrite"/> every entry's timestamp set to <paramref name="now"/>.
    /// </summary>
    public JoinRows Load(long now)
    {
        var state = _state ?? throw new InvalidOperationException("The join state is not open.");
        if (!state.TryGet(out var rows))
        {
            return default;
        }

        if (_ttl is null)
        {
            return rows;
        }

        var kept = Layout.RemoveExpired(rows, now, _ttlMillis);
        if (_ttl.UpdateType == TtlUpdateType.OnReadAndWrite)
        {
            for (var entry = kept.Offset; entry < kept.End; entry = Layout.Next(kept.Buffer!, entry))
            {
                Layout.SetTimestamp(kept.Buffer!, entry, now);
            }
        }

        if (kept != rows)
        {
            Store(kept);
        }

        return kept;
    }

    /// <summary>Stores <paramref name="rows"/> as the current key's rows (clears the key when there are none).</summary>
    public void Store(JoinRows rows)
    {
        var state = _state ?? throw new InvalidOperationException("The join state is not open.");
        if (rows.IsEmpty)
        {
            state.Clear();
        }
        else
        {
            state.Update(rows);
        }
    }

    /// <summary>
    /// Adds one occurrence of <paramref name="row"/> with <paramref name="matches"/> matching rows to the current key: a
    /// key with at most <see cref="DeduplicationLimit"/> entries counts it on an equal entry when it has one (so repeated
    /// rows do not grow the state), a larger key appends it without looking (so inserting stays O(1) for hot keys). An
    /// <see cref="InsertOnly"/> side always appends: its rows are mostly distinct (the search read every entry's header of
    /// a cold block for nothing), and an equal row as an entry of its own is the same multiset. Returns true when the key
    /// had no rows before.
    /// </summary>
    public bool Add(ReadOnlySpan<byte> row, long matches, long now)
    {
        if (_direct is { } direct)
        {
            return AddInPlace(ref direct.GetValueRefOrAddDefault(out _), row, matches, now);
        }

        var rows = Load(now);
        var entry = !InsertOnly && rows.Entries <= DeduplicationLimit ? Layout.Find(rows, row) : -1;
        if (entry >= 0 && JoinRowsLayout.Count(rows.Buffer!, entry) < int.MaxValue)
        {
            JoinRowsLayout.SetCount(rows.Buffer!, entry, JoinRowsLayout.Count(rows.Buffer!, entry) + 1);
            Layout.SetMatches(rows.Buffer!, entry, matches);
            Layout.SetTimestamp(rows.Buffer!, entry, now);
            if (_ttl is not null)
            {
                Store(rows);
            }

            return false;
        }

        Store(Layout.Append(rows, row, 1, matches, now));
        return rows.IsEmpty;
    }

    /// <summary><see cref="Add"/> on the key's slot <paramref name="rows"/> (a new slot holds no rows), without a time-to-live.</summary>
    private bool AddInPlace(ref JoinRows rows, ReadOnlySpan<byte> row, long matches, long now)
    {
        var wasEmpty = rows.IsEmpty;
        var entry = !wasEmpty && !InsertOnly && rows.Entries <= DeduplicationLimit ? Layout.Find(rows, row) : -1;
        if (entry >= 0 && JoinRowsLayout.Count(rows.Buffer!, entry) < int.MaxValue)
        {
            JoinRowsLayout.SetCount(rows.Buffer!, entry, JoinRowsLayout.Count(rows.Buffer!, entry) + 1);
            Layout.SetMatches(rows.Buffer!, entry, matches);
            return false;
        }

        rows = Layout.Append(rows, row, 1, matches, now);
        return wasEmpty;
    }

    /// <summary>
    /// Removes the current key's leading entries (in the order they were stored) as long as <paramref name="remove"/>
    /// selects their rows, and stores what is left; returns the key's rows after that (empty when none is left).
    /// </summary>
    public JoinRows RemoveLeading(Func<ReadOnlySpan<byte>, bool> remove, long now) => RemoveLeading(remove, now, out _);

    /// <summary>
    /// As <see cref="RemoveLeading(Func{ReadOnlySpan{byte}, bool}, long)"/>, and gives the number of entries removed in
    /// <paramref name="removed"/>.
    /// </summary>
    public JoinRows RemoveLeading(Func<ReadOnlySpan<byte>, bool> remove, long now, out int removed)
    {
        var rows = Load(now);
        removed = 0;
        var entry = rows.Offset;
        var end = rows.End;
        while (entry < end && remove(Layout.Row(rows.Buffer!, entry)))
        {
            entry = Layout.Next(rows.Buffer!, entry);
            removed++;
        }

        if (removed == 0)
        {
            return rows;
        }

        var kept = Layout.RemovePrefix(rows, entry, removed);
        Store(kept);
        return kept;
    }

    /// <summary>The keys that have rows on this side, as a copy (the caller may change the state while iterating).</summary>
    public IEnumerable<RowKey> Keys()
    {
        var backend = _backend ?? throw new InvalidOperationException("The join state is not open.");
        return backend.GetKeys(_name);
    }

    /// <summary>The number of entries over every key (changes the backend's current key); for tests.</summary>
    internal long CountEntries(IKeyedStateBackend<RowKey> backend)
    {
        var state = _state ?? throw new InvalidOperationException("The join state is not open.");
        long entries = 0;
        foreach (var key in backend.GetKeys(_name))
        {
            backend.SetCurrentKey(key);
            if (state.TryGet(out var rows))
            {
                entries += rows.Entries;
            }
        }

        return entries;
    }

    /// <summary>Removes one occurrence of <paramref name="row"/> from the current key; false when it is not stored.</summary>
    public bool Retract(ReadOnlySpan<byte> row, long now) => Retract(row, now, out _);

    /// <summary>
    /// Removes one occurrence of <paramref name="row"/> from the current key, and gives the matches its entry had; false
    /// when it is not stored.
    /// </summary>
    public bool Retract(ReadOnlySpan<byte> row, long now, out long matches)
    {
        matches = 0;
        if (_direct is { } direct)
        {
            ref var slot = ref direct.GetValueRefOrNullRef();
            if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref slot))
            {
                return false;
            }

            var found = Layout.Find(slot, row);
            if (found < 0)
            {
                return false;
            }

            matches = Layout.Matches(slot.Buffer!, found);
            var remaining = JoinRowsLayout.Count(slot.Buffer!, found);
            if (remaining > 1)
            {
                JoinRowsLayout.SetCount(slot.Buffer!, found, remaining - 1);
                return true;
            }

            var kept = Layout.RemoveAt(slot, found);
            if (kept.IsEmpty)
            {
                // The slot goes; the reference is not used after this.
                direct.Clear();
            }
            else
            {
                slot = kept;
            }

            return true;
        }

        var rows = Load(now);
        var entry = Layout.Find(rows, row);
        if (entry < 0)
        {
            return false;
        }

        matches = Layout.Matches(rows.Buffer!, entry);
        var count = JoinRowsLayout.Count(rows.Buffer!, entry);
        if (count <= 1)
        {
            Store(Layout.RemoveAt(rows, entry));
        }
        else
        {
            JoinRowsLayout.SetCount(rows.Buffer!, entry, count - 1);
            Layout.SetTimestamp(rows.Buffer!, entry, now);
            Store(rows);
        }

        return true;
    }
}
