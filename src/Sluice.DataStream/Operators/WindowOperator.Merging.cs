using Sluice.Runtime.Operators.Windowing;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>The merging-window part of the window operator: the active windows of each key, kept in list state.</summary>
internal sealed partial class WindowOperator<TKey, T, TAgg, TOut>
{
    private readonly List<TimeWindow> _active = [];
    private readonly List<TimeWindow> _merged = [];
    private IListState<TimeWindow>? _mergingSet;

    private void OpenMerging(IKeyedStateBackend<TKey> backend) =>
        _mergingSet = backend.GetListState(new ListStateDescriptor<TimeWindow>("window-merging-set", TimeWindowSerializer.Instance));

    private void LoadActive()
    {
        _active.Clear();
        _active.AddRange(_mergingSet!.Get());
    }

    private bool IsActiveMergingWindow(TimeWindow window)
    {
        LoadActive();
        return _active.Contains(window);
    }

    private void RetireWindow(TimeWindow window)
    {
        LoadActive();
        if (_active.Remove(window))
        {
            _mergingSet!.Update(_active);
        }
    }

    /// <summary>
    /// Adds <paramref name="window"/> to the key's active windows, merging it with every window it overlaps (Flink's
    /// <c>TimeWindow.intersects</c>: touching windows merge); returns the window the element belongs to.
    /// </summary>
    private TimeWindow AddToMergingSet(TKey key, TimeWindow window)
    {
        LoadActive();
        _merged.Clear();
        var result = window;
        bool found;
        do
        {
            found = false;
            for (var i = _active.Count - 1; i >= 0; i--)
            {
                var a = _active[i];
                if (a.Start <= result.End && result.Start <= a.End)
                {
                    result = new TimeWindow(Math.Min(a.Start, result.Start), Math.Max(a.End, result.End));
                    _merged.Add(a);
                    _active.RemoveAt(i);
                    found = true;
                }
            }
        }
        while (found);

        if (_merged.Count == 1 && _merged[0] == result)
        {
            // The new window lies inside an active one: nothing changes.
            return result;
        }

        _active.Add(result);
        _mergingSet!.Update(_active);
        if (_merged.Count == 0)
        {
            return result;
        }

        // Clear the triggers and cleanup timers of the merged windows, merge their contents, then the merged trigger.
        var sources = _merged.Where(m => m != result).ToList();
        foreach (var old in sources)
        {
            _window = old;
            _trigger.Clear(old, _triggerContext!);
            DeleteCleanupTimer(old);
        }

        _contents.Merge(result, sources);
        _window = result;
        _trigger.OnMerge(result, _triggerContext!);
        return result;
    }
}
