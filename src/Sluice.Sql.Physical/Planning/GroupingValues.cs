using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// <c>GROUPING</c>, <c>GROUPING_ID</c> and <c>GROUP_ID</c>: constants per grouping set, which the planner puts into each
/// set's result projection instead of computing them in an operator.
/// </summary>
internal static class GroupingValues
{
    /// <summary>True for the calls whose value depends only on the grouping set.</summary>
    public static bool IsGroupingCall(AggregateCall call) => call.Function.Name is "GROUPING" or "GROUPING_ID" or "GROUP_ID";

    /// <summary>Which of the aggregate's calls are grouping calls.</summary>
    public static bool[] Of(Aggregate aggregate) => aggregate.Calls.Select(IsGroupingCall).ToArray();

    /// <summary>
    /// The value of <paramref name="call"/> for grouping set <paramref name="setIndex"/> of <paramref name="sets"/>:
    /// <c>GROUPING(a, b)</c> / <c>GROUPING_ID(a, b)</c> set bit i (from the left, most significant first) when argument
    /// i is not grouped; <c>GROUP_ID()</c> is how many earlier sets equal this one (0 unless a set repeats), as Calcite.
    /// </summary>
    public static long Value(AggregateCall call, IReadOnlyList<int> groupKeys, IReadOnlyList<IReadOnlyList<int>> sets, int setIndex)
    {
        var set = sets[setIndex];
        if (call.Function.Name == "GROUP_ID")
        {
            return sets.Take(setIndex).Count(other => other.Count == set.Count && !other.Except(set).Any());
        }

        long value = 0;
        foreach (var argument in call.Arguments)
        {
            var position = groupKeys.ToList().IndexOf(argument);
            value = (value << 1) | (set.Contains(position) ? 0L : 1L);
        }

        return value;
    }
}
