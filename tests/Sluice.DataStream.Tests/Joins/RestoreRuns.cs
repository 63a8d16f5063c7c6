using Sluice.Core.Keys;
using Sluice.DataStream.Types;
using Sluice.Runtime.Operators;
using Sluice.Testing;

namespace Sluice.DataStream.Tests.Joins;

/// <summary>Runs operator steps once on one harness and once with a snapshot and restore between every step.</summary>
internal static class RestoreRuns
{
    /// <summary>Both runs must emit the same elements; returns them.</summary>
    public static List<T> WithAndWithoutRestore<T>(Func<StreamOperator> create, params Action<OperatorHarness>[] steps)
    {
        List<T> expected;
        using (var reference = new OperatorHarness(create()))
        {
            reference.Open();
            foreach (var step in steps)
            {
                step(reference);
            }

            expected = reference.OutputElements<T>();
        }

        var actual = new List<T>();
        OperatorSnapshot? snapshot = null;
        long id = 1;
        var time = new ManualTimeProvider();
        foreach (var step in steps)
        {
            using var h = new OperatorHarness(create(), timeProvider: time, restoreFrom: snapshot is null ? null : [snapshot]);
            h.Open();
            step(h);
            snapshot = h.Snapshot(id++);
            actual.AddRange(h.OutputElements<T>());
        }

        Assert.Equal(expected, actual);
        return expected;
    }

    /// <summary>The subtask that owns <paramref name="key"/> at <paramref name="parallelism"/> (default max parallelism).</summary>
    public static int SubtaskOf<TKey>(TKey key, int parallelism) =>
        KeyGroups.SubtaskFor(KeyGroups.Assign(TypeInfos.Of<TKey>().Hasher.GetStableHash(key), KeyGroups.DefaultMaxParallelism),
            KeyGroups.DefaultMaxParallelism, parallelism);
}
