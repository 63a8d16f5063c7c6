using Sluice.DataStream.Functions;
using Sluice.DataStream.Joining;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Types;
using Sluice.DataStream.Windowing;
using Sluice.Testing;

namespace Sluice.DataStream.Tests.Joins;

/// <summary>The window operator as built by Join/CoGroup (tagged union, list contents, co-group window function).</summary>
public class WindowJoinOperatorTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromMilliseconds(10);

    private static WindowOperator<int, TaggedUnion<(int Key, string Name), (int Key, int Amount)>, TaggedUnion<(int Key, string Name), (int Key, int Amount)>, string>
        Create(Action<IEnumerable<(int Key, string Name)>, IEnumerable<(int Key, int Amount)>, Collector<string>> coGroup)
    {
        var assigner = TumblingEventTimeWindows.Of(Ten);
        var serializer = new TaggedUnionSerializer<(int, string), (int, int)>(TypeInfos.SerializerOf<(int, string)>(), TypeInfos.SerializerOf<(int, int)>());
        return new(u => u.IsFirst ? u.First.Key : u.Second.Key, TypeInfos.Of<int>(), assigner, assigner.DefaultTrigger, TimeSpan.Zero, null,
            new ListWindowContents<TaggedUnion<(int Key, string Name), (int Key, int Amount)>>(serializer),
            new CoGroupWindowFunction<(int Key, string Name), (int Key, int Amount), int, string>(coGroup));
    }

    private static void Join(IEnumerable<(int Key, string Name)> names, IEnumerable<(int Key, int Amount)> amounts, Collector<string> output)
    {
        foreach (var n in names)
        {
            foreach (var a in amounts)
            {
                output.Collect($"{n.Key}:{n.Name}:{a.Amount}");
            }
        }
    }

    private static void Describe(IEnumerable<(int Key, string Name)> names, IEnumerable<(int Key, int Amount)> amounts, Collector<string> output)
    {
        var key = names.Select(n => n.Key).Concat(amounts.Select(a => a.Key)).First();
        output.Collect($"{key}:[{string.Join(",", names.Select(n => n.Name))}]:[{string.Join(",", amounts.Select(a => a.Amount))}]");
    }

    private static (TaggedUnion<(int Key, string Name), (int Key, int Amount)>, long)[] Names(params (int Key, string Name, long Ts)[] items) =>
        items.Select(i => (TaggedUnion<(int Key, string Name), (int Key, int Amount)>.OfFirst((i.Key, i.Name)), i.Ts)).ToArray();

    private static (TaggedUnion<(int Key, string Name), (int Key, int Amount)>, long)[] Amounts(params (int Key, int Amount, long Ts)[] items) =>
        items.Select(i => (TaggedUnion<(int Key, string Name), (int Key, int Amount)>.OfSecond((i.Key, i.Amount)), i.Ts)).ToArray();

    [Fact]
    public void Join_IsAnInnerJoinPerKeyAndWindow_AcrossRestores()
    {
        var output = RestoreRuns.WithAndWithoutRestore<string>(() => Create(Join),
            h => h.ProcessElements(Names((1, "x", 1), (1, "y", 5), (2, "z", 3))),
            h => h.ProcessElements(Amounts((1, 10, 2), (1, 20, 12), (3, 30, 4))),
            h => h.ProcessElements(Names((1, "w", 15))),
            h => h.ProcessWatermark(9),
            h => h.ProcessWatermark(19));

        // Window [0, 10): key 1 has x, y and 10; key 2 and key 3 have one side only. Window [10, 20): key 1 has w and 20.
        Assert.Equal(["1:x:10", "1:y:10", "1:w:20"], output);
    }

    [Fact]
    public void Join_ResultsCarryTheWindowsMaxTimestamp()
    {
        using var h = new OperatorHarness(Create(Join));
        h.ProcessElements(Names((1, "x", 11)));
        h.ProcessElements(Amounts((1, 5, 13)));
        h.ProcessWatermark(100);
        var batch = Assert.Single(h.OutputBatches.OfType<Sluice.Core.Batches.ElementBatch<string>>());
        Assert.Equal(19, batch.Timestamps[0]);
    }

    [Fact]
    public void CoGroup_SeesBothSidesIncludingEmptyOnes_AcrossRestores()
    {
        var output = RestoreRuns.WithAndWithoutRestore<string>(() => Create(Describe),
            h => h.ProcessElements(Names((1, "x", 1), (2, "z", 3))),
            h => h.ProcessElements(Amounts((1, 10, 2), (3, 30, 4), (1, 11, 8))),
            h => h.ProcessWatermark(9));

        Assert.Equal(["1:[x]:[10,11]", "2:[z]:[]", "3:[]:[30]"], output.Order());
    }

    [Fact]
    public void Join_RestoredAtAnotherParallelism_EveryKeyJoinsOnTheSubtaskThatOwnsIt()
    {
        OperatorSnapshot snapshot;
        using (var h = new OperatorHarness(Create(Join)))
        {
            h.ProcessElements(Names(Enumerable.Range(0, 20).Select(k => (k, $"n{k}", 1L)).ToArray()));
            snapshot = h.Snapshot(1);
        }

        var output = new List<string>();
        for (var subtask = 0; subtask < 3; subtask++)
        {
            using var h = new OperatorHarness(Create(Join), parallelism: 3, subtaskIndex: subtask, restoreFrom: [snapshot]);
            h.Open();
            // Every subtask receives only amounts of the keys it owns (as a hash edge would deliver them).
            var owned = Enumerable.Range(0, 20).Where(k => RestoreRuns.SubtaskOf(k, 3) == subtask).ToArray();
            h.ProcessElements(Amounts(owned.Select(k => (k, k * 10, 2L)).ToArray()));
            h.ProcessWatermark(9);
            output.AddRange(h.OutputElements<string>());
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(k => $"{k}:n{k}:{k * 10}").Order(), output.Order());
    }
}
