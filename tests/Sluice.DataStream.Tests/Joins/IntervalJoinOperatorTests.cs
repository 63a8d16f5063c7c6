using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Joining;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Types;
using Sluice.Testing;

namespace Sluice.DataStream.Tests.Joins;

/// <summary>The interval join as built by IntervalJoin: a keyed co-process operator running the interval join function.</summary>
public class IntervalJoinOperatorTests
{
    private sealed class Pair : ProcessJoinFunction<(int Key, string Name), (int Key, int Amount), string>
    {
        public override void ProcessElement((int Key, string Name) left, (int Key, int Amount) right, ProcessJoinContext context, Collector<string> output) =>
            output.Collect($"{left.Name}@{context.LeftTimestamp}+{right.Amount}@{context.RightTimestamp}");
    }

    private static KeyedCoProcessOperator<int, (int Key, string Name), (int Key, int Amount), string> Create(long lower, long upper) =>
        new(new IntervalJoinFunction<int, (int Key, string Name), (int Key, int Amount), string>(new Pair(), lower, upper,
                TypeInfos.SerializerOf<(int, string)>(), TypeInfos.SerializerOf<(int, int)>()),
            l => l.Key, r => r.Key, TypeInfos.Of<int>(), null);

    private static ((int Key, string Name), long)[] Left(params (int Key, string Name, long Ts)[] items) =>
        items.Select(i => ((i.Key, i.Name), i.Ts)).ToArray();

    private static ((int Key, int Amount), long)[] Right(params (int Key, int Amount, long Ts)[] items) =>
        items.Select(i => ((i.Key, i.Amount), i.Ts)).ToArray();

    [Fact]
    public void RightWithinBounds_JoinsInEitherArrivalOrder_BoundsInclusive()
    {
        using var h = new OperatorHarness(Create(-2, 1));
        h.ProcessElements(Right((1, 7, 7), (1, 8, 8)), input: 1);
        h.ProcessElements(Left((1, "a", 10), (2, "other-key", 10)));
        h.ProcessElements(Right((1, 11, 11), (1, 12, 12), (2, 100, 30)), input: 1);

        // b.ts in [10 - 2, 10 + 1]: 8 and 11 join, 7 and 12 do not; key 2's right element is outside its interval.
        Assert.Equal(["a@10+8@8", "a@10+11@11"], h.OutputElements<string>());
    }

    [Fact]
    public void Results_CarryTheLaterEventTime()
    {
        using var h = new OperatorHarness(Create(-5, 5));
        h.ProcessElements(Left((1, "a", 10)));
        h.ProcessElements(Right((1, 1, 13), (1, 2, 6)), input: 1);
        var times = h.OutputBatches.OfType<Sluice.Core.Batches.ElementBatch<string>>().SelectMany(b => b.Timestamps.ToArray()).ToList();
        Assert.Equal([13L, 10L], times);
    }

    [Fact]
    public void Buffers_AreRestored_AndJoinAfterARestore()
    {
        var output = RestoreRuns.WithAndWithoutRestore<string>(() => Create(0, 10),
            h => h.ProcessElements(Left((1, "a", 100), (2, "b", 100))),
            h => h.ProcessElements(Right((1, 1, 105)), input: 1),
            h => h.ProcessWatermark(101),
            h => h.ProcessElements(Right((2, 2, 110), (1, 3, 111)), input: 1));
        Assert.Equal(["a@100+1@105", "b@100+2@110"], output);
    }

    [Fact]
    public void WatermarkPastTheInterval_RemovesTheBuffer_AndLateElementsAreDropped()
    {
        using var h = new OperatorHarness(Create(-3, 5));
        h.ProcessElements(Left((1, "a", 10)));
        h.ProcessElements(Right((1, 1, 20)), input: 1);
        h.ProcessWatermark(15);

        // The left element's cleanup time is 10 + 5 = 15: the timer removed it, so a right element at 15 finds nothing.
        h.ProcessElements(Right((1, 2, 15)), input: 1);
        // A left element behind the watermark is late and dropped, although the right element at 20 is within its interval.
        h.ProcessElements(Left((1, "late", 14)));
        // The right elements at 15 and 20 are kept until 18 and 23: a left element at 17 (not late) joins both.
        h.ProcessElements(Left((1, "b", 17)));
        Assert.Equal(new[] { "b@17+1@20", "b@17+2@15" }.Order(), h.OutputElements<string>().Order());

        h.ProcessWatermark(100);
        var empty = h.Snapshot(1);
        using var fresh = new OperatorHarness(Create(-3, 5));
        fresh.ProcessElements(Left((1, "a", 10)));
        Assert.True(empty.Size < fresh.Snapshot(1).Size, "The buffers should be empty once the watermark passed every interval.");
    }

    [Fact]
    public void LateElements_GoToTheLateSideOutputs_WhenAsked()
    {
        var leftLate = new OutputTag<(int Key, string Name)>("left-late");
        var rightLate = new OutputTag<(int Key, int Amount)>("right-late");
        var op = new KeyedCoProcessOperator<int, (int Key, string Name), (int Key, int Amount), string>(
            new IntervalJoinFunction<int, (int Key, string Name), (int Key, int Amount), string>(new Pair(), -5, 5,
                TypeInfos.SerializerOf<(int, string)>(), TypeInfos.SerializerOf<(int, int)>(), leftLate, rightLate),
            l => l.Key, r => r.Key, TypeInfos.Of<int>(), null)
        {
            ConsumedSideOutputs = new HashSet<string> { leftLate.Id, rightLate.Id },
        };
        using var h = new OperatorHarness(op);
        h.ProcessWatermark(100);
        h.ProcessElements(Left((1, "late", 99), (1, "on-time", 100)));
        h.ProcessElements(Right((1, 7, 98)), input: 1);

        var side = h.OutputBatches.OfType<SideOutputBatch>().ToList();
        Assert.Equal([(1, "late")], side.Where(b => b.TagId == leftLate.Id)
            .SelectMany(b => ((Sluice.Core.Batches.ElementBatch<(int Key, string Name)>)b.Inner).Items.ToArray()));
        Assert.Equal([(1, 7)], side.Where(b => b.TagId == rightLate.Id)
            .SelectMany(b => ((Sluice.Core.Batches.ElementBatch<(int Key, int Amount)>)b.Inner).Items.ToArray()));
        Assert.Empty(h.OutputElements<string>());
    }

    [Fact]
    public void ElementsWithoutEventTime_FailNamingTheCause()
    {
        using var h = new OperatorHarness(Create(0, 1));
        var batch = new Sluice.Core.Batches.ElementBatch<(int, string)>(1);
        batch.Add((1, "a"));
        var ex = Assert.Throws<TaskFailureException>(() => h.ProcessBatch(batch));
        Assert.Contains("event times", Assert.IsType<JobException>(ex.InnerException).Message);
    }

    [Fact]
    public void RestoredAtAnotherParallelism_KeysMoveWithTheirBuffers()
    {
        OperatorSnapshot snapshot;
        using (var h = new OperatorHarness(Create(0, 5)))
        {
            h.ProcessElements(Left(Enumerable.Range(0, 16).Select(k => (k, $"k{k}", 10L)).ToArray()));
            snapshot = h.Snapshot(1);
        }

        var output = new List<string>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var h = new OperatorHarness(Create(0, 5), parallelism: 2, subtaskIndex: subtask, restoreFrom: [snapshot]);
            var owned = Enumerable.Range(0, 16).Where(k => RestoreRuns.SubtaskOf(k, 2) == subtask).ToArray();
            h.ProcessElements(Right(owned.Select(k => (k, k, 12L)).ToArray()), input: 1);
            output.AddRange(h.OutputElements<string>());
        }

        Assert.Equal(Enumerable.Range(0, 16).Select(k => $"k{k}@10+{k}@12").Order(), output.Order());
    }
}
