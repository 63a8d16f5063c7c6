using System.Collections.Concurrent;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.DataStream.Async;
using Sluice.Testing;

namespace Sluice.DataStream.Tests.Async;

public class AsyncWaitOperatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Every call waits until the test completes it (or the token is cancelled, then it throws).</summary>
    private sealed class Controlled : IAsyncFunction<int, string>
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource<IEnumerable<string>>> _calls = new();

        public IEnumerable<string>? Fallback { get; init; }

        public List<int> Invoked { get; } = [];

        public async ValueTask<IEnumerable<string>> InvokeAsync(int input, CancellationToken cancellationToken)
        {
            lock (Invoked)
            {
                Invoked.Add(input);
            }

            var tcs = _calls.GetOrAdd(input, _ => new TaskCompletionSource<IEnumerable<string>>(TaskCreationOptions.RunContinuationsAsynchronously));
            return await tcs.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        public IEnumerable<string> OnTimeout(int input) => Fallback is { } f ? f.Select(v => $"{v}{input}") : ((IAsyncFunction<int, string>)new NoFallback()).OnTimeout(input);

        public void Complete(int input) => _calls.GetOrAdd(input, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult([$"r{input}"]);

        public void Fail(int input) => _calls.GetOrAdd(input, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).SetException(new InvalidOperationException($"lookup {input} failed"));
    }

    private sealed class NoFallback : IAsyncFunction<int, string>
    {
        public ValueTask<IEnumerable<string>> InvokeAsync(int input, CancellationToken cancellationToken) => ValueTask.FromResult<IEnumerable<string>>([]);
    }

    /// <summary>Completes on the thread pool after a short delay; counts how many calls run at once.</summary>
    private sealed class Concurrent : IAsyncFunction<int, int>
    {
        private int _running;
        private int _max;

        public int MaxRunning => Volatile.Read(ref _max);

        public async ValueTask<IEnumerable<int>> InvokeAsync(int input, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _running);
            int seen;
            while ((seen = Volatile.Read(ref _max)) < now && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            await Task.Delay(1 + (input % 3), cancellationToken).ConfigureAwait(false);
            Interlocked.Decrement(ref _running);
            return [input * 10];
        }
    }

    private static AsyncWaitOperator<int, string> Create(IAsyncFunction<int, string> f, bool ordered, int capacity = 100) =>
        new(f, TimeSpan.FromSeconds(5), capacity, ordered, Serializers.Int32);

    private static (int, long)[] E(params int[] values) => values.Select(v => (v, (long)v)).ToArray();

    /// <summary>Polls (on the test thread, like the task thread would be called) until the operator emitted <paramref name="count"/> elements.</summary>
    private static List<string> DrainUntil(OperatorHarness h, int count, ref long checkpointId)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (h.OutputElements<string>().Count < count && DateTime.UtcNow < deadline)
        {
            h.Snapshot(checkpointId++); // the pre-barrier hook emits what completed
            Thread.Yield();
        }

        return h.OutputElements<string>();
    }

    /// <summary>
    /// The operator's failure: thrown from the watermark (which the harness wraps in a task failure) when the call completed
    /// before it, or from the end of input otherwise.
    /// </summary>
    private static JobException FailureOf(Action endInput)
    {
        var ex = Assert.ThrowsAny<SluiceException>(endInput);
        return Assert.IsType<JobException>(ex is TaskFailureException ? ex.InnerException : ex);
    }

    [Fact]
    public void Ordered_EmitsInInputOrder_WhateverTheCompletionOrder()
    {
        var f = new Controlled();
        using var h = new OperatorHarness(Create(f, ordered: true));
        h.ProcessElements(E(1, 2, 3));
        f.Complete(3);
        f.Complete(2);
        long id = 1;
        h.Snapshot(id++);
        Assert.Empty(h.OutputElements<string>());
        f.Complete(1);
        Assert.Equal(["r1", "r2", "r3"], DrainUntil(h, 3, ref id));
        var times = h.OutputBatches.OfType<Sluice.Core.Batches.ElementBatch<string>>().SelectMany(b => b.Timestamps.ToArray());
        Assert.Equal([1L, 2L, 3L], times);
    }

    [Fact]
    public void Ordered_HoldsTheWatermark_UntilEarlierResultsAreOut()
    {
        var f = new Controlled();
        using var h = new OperatorHarness(Create(f, ordered: true));
        h.ProcessElements(E(1));
        h.ProcessWatermark(5);
        h.ProcessElements(E(6));
        Assert.Empty(h.OutputWatermarks);
        f.Complete(1);
        long id = 1;
        DrainUntil(h, 1, ref id);
        Assert.Equal([5L], h.OutputWatermarks);
        f.Complete(6);
        Assert.Equal(["r1", "r6"], DrainUntil(h, 2, ref id));
    }

    [Fact]
    public void Unordered_EmitsAsCompleted_ButNeverAcrossAWatermark()
    {
        var f = new Controlled();
        using var h = new OperatorHarness(Create(f, ordered: false));
        h.ProcessElements(E(1, 2));
        h.ProcessWatermark(5);
        h.ProcessElements(E(6));
        f.Complete(6);
        f.Complete(2);
        long id = 1;
        Assert.Equal(["r2"], DrainUntil(h, 1, ref id));
        h.Snapshot(id++);
        Assert.Equal(["r2"], h.OutputElements<string>()); // 6 came after the watermark that 1 still holds back
        Assert.Empty(h.OutputWatermarks);

        f.Complete(1);
        Assert.Equal(["r2", "r1", "r6"], DrainUntil(h, 3, ref id));
        Assert.Equal([5L], h.OutputWatermarks);
    }

    [Fact]
    public void Capacity_LimitsTheCallsInFlight()
    {
        var f = new Concurrent();
        var op = new AsyncWaitOperator<int, int>(f, TimeSpan.FromSeconds(30), 2, ordered: true, Serializers.Int32);
        using var h = new OperatorHarness(op);
        for (var i = 0; i < 10; i++)
        {
            h.ProcessElements(Enumerable.Range(i * 10, 10).Select(v => (v, (long)v)));
            Assert.True(op.InFlightCount <= 2);
        }

        h.EndInput();
        Assert.Equal(Enumerable.Range(0, 100).Select(v => v * 10), h.OutputElements<int>());
        Assert.InRange(f.MaxRunning, 1, 2);
    }

    [Fact]
    public void InFlightInputs_AreSnapshotted_AndInvokedAgainAfterARestore()
    {
        var first = new Controlled();
        OperatorSnapshot snapshot;
        List<string> before;
        using (var h = new OperatorHarness(Create(first, ordered: true)))
        {
            h.ProcessElements(E(1, 2, 3));
            first.Complete(1);
            long id = 1;
            before = DrainUntil(h, 1, ref id);
            snapshot = h.Snapshot(id);
        }

        var second = new Controlled();
        using var restored = new OperatorHarness(Create(second, ordered: true), restoreFrom: [snapshot]);
        restored.Open();
        Assert.Equal([2, 3], second.Invoked.Order());
        second.Complete(2);
        second.Complete(3);
        restored.ProcessElements(E(4));
        second.Complete(4);
        restored.EndInput();
        Assert.Equal(["r1"], before);
        Assert.Equal(["r2", "r3", "r4"], restored.OutputElements<string>());
    }

    [Fact]
    public void InFlightInputs_RestoredAtAnotherParallelism_AreDealtOutOnce()
    {
        var first = new Controlled();
        OperatorSnapshot snapshot;
        using (var h = new OperatorHarness(Create(first, ordered: false)))
        {
            h.ProcessElements(E(1, 2, 3, 4, 5));
            snapshot = h.Snapshot(1);
        }

        var invoked = new List<int>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            var f = new Controlled();
            using var h = new OperatorHarness(Create(f, ordered: false), parallelism: 2, subtaskIndex: subtask, restoreFrom: [snapshot]);
            h.Open();
            invoked.AddRange(f.Invoked);
        }

        Assert.Equal([1, 2, 3, 4, 5], invoked.Order());
    }

    [Fact]
    public void Timeout_EmitsTheFallback()
    {
        var f = new Controlled { Fallback = ["timeout-"] };
        using var h = new OperatorHarness(Create(f, ordered: true));
        f.Complete(2); // completes at once when invoked, before the timeout
        h.ProcessElements(E(1, 2));
        h.AdvanceProcessingTime(TimeSpan.FromSeconds(6));
        h.EndInput();
        Assert.Equal(["timeout-1", "r2"], h.OutputElements<string>());
    }

    [Fact]
    public void Timeout_WithoutFallback_FailsTheJob()
    {
        var f = new Controlled();
        using var h = new OperatorHarness(Create(f, ordered: true));
        h.ProcessElements(E(1));
        h.AdvanceProcessingTime(TimeSpan.FromSeconds(6));
        Assert.Contains("timed out", FailureOf(h.EndInput).Message);
    }

    [Fact]
    public void FailedCall_FailsWithTheCause()
    {
        var f = new Controlled();
        using var h = new OperatorHarness(Create(f, ordered: false));
        h.ProcessElements(E(1));
        f.Fail(1);
        Assert.Contains("lookup 1 failed", FailureOf(h.EndInput).Message);
    }
}
