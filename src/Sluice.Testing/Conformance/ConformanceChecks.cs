using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Serialization;
using Xunit;

namespace Sluice.Testing.Conformance;

/// <summary>The steps the bounded and unbounded source kits share: comparing row multisets, assigning and round-tripping splits.</summary>
internal static class ConformanceChecks
{
    /// <summary>Asserts that <paramref name="actual"/> holds the rows of <paramref name="expected"/>, each as often; names the first differences.</summary>
    public static void AssertSameRows(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var missing = expected.Concat(actual).Distinct(StringComparer.Ordinal)
            .Select(r => (Row: r, Count: expected.Count(e => e == r) - actual.Count(a => a == r))).Where(d => d.Count != 0).Take(5).ToList();
        Assert.True(missing.Count == 0 && expected.Count == actual.Count,
            $"expected {expected.Count} rows, got {actual.Count}; differences (row, expected minus actual): " +
            string.Join("; ", missing.Select(m => $"{m.Row} ({m.Count:+#;-#})")));
    }

    /// <summary>Deals <paramref name="splits"/> round-robin to <paramref name="parallelism"/> subtasks.</summary>
    public static List<TSplit>[] Assign<TSplit>(IReadOnlyList<TSplit> splits, int parallelism)
    {
        var assigned = Enumerable.Range(0, parallelism).Select(_ => new List<TSplit>()).ToArray();
        for (var i = 0; i < splits.Count; i++)
        {
            assigned[i % parallelism].Add(splits[i]);
        }

        return assigned;
    }

    /// <summary>The splits written and read back with <paramref name="serializer"/> (as a checkpoint does); each keeps its id.</summary>
    public static List<TSplit> RoundTrip<TSplit>(ITypeSerializer<TSplit> serializer, IEnumerable<TSplit> splits)
        where TSplit : ISourceSplit
    {
        var result = new List<TSplit>();
        foreach (var split in splits)
        {
            using var writer = new BinaryBufferWriter();
            serializer.Serialize(split, writer);
            result.Add(serializer.Deserialize(new BinaryBufferReader(writer.ToArray())));
            Assert.Equal(split.SplitId, result[^1].SplitId);
        }

        return result;
    }
}
