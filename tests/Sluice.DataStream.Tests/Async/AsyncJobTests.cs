using Sluice.DataStream.Async;
using Sluice.Runtime.Execution;

namespace Sluice.DataStream.Tests.Async;

[Collection(JobTestCollection.Name)]
public class AsyncJobTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>A "lookup" that completes on the thread pool after a delay that varies per element.</summary>
    private sealed class SlowSquare : IAsyncFunction<int, (int, long)>
    {
        public async ValueTask<IEnumerable<(int, long)>> InvokeAsync(int input, CancellationToken cancellationToken)
        {
            await Task.Delay(input % 4, cancellationToken).ConfigureAwait(false);
            return [(input, (long)input * input)];
        }
    }

    [Fact]
    public async Task OrderedWait_AtParallelismOne_KeepsTheInputOrder()
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions { Parallelism = 1 });
        var input = Enumerable.Range(0, 500).ToList();
        var result = await env.ExecuteAndCollectAsync(AsyncDataStream.OrderedWait(env.FromCollection(input), new SlowSquare(), TimeSpan.FromSeconds(30), 10))
            .WaitAsync(Timeout);
        Assert.Equal(input.Select(i => (i, (long)i * i)), result);
    }

    [Fact]
    public async Task UnorderedWait_AtParallelismFour_EmitsEveryResultOnce()
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions { Parallelism = 4 });
        var input = Enumerable.Range(0, 2_000).ToList();
        var result = await env.ExecuteAndCollectAsync(AsyncDataStream.UnorderedWait(env.FromCollection(input), new SlowSquare(), TimeSpan.FromSeconds(30), 5))
            .WaitAsync(Timeout);
        Assert.Equal(input.Select(i => (i, (long)i * i)), result.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Failure_WithRestart_InFlightRequestsAreNeitherLostNorDuplicated(int parallelism)
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions
        {
            Parallelism = parallelism,
            CheckpointInterval = TimeSpan.FromMilliseconds(20),
            RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(10)),
        });
        var input = Enumerable.Range(0, 6_000).ToList();
        var seen = 0;
        var squares = AsyncDataStream.UnorderedWait(env.FromCollection(input), new SlowSquare(), TimeSpan.FromSeconds(30), 20)
            .Process(new FailOnceAfter(() => Interlocked.Increment(ref seen) == 3_000));

        var result = await env.ExecuteAndCollectAsync(squares).WaitAsync(Timeout);

        Assert.True(Volatile.Read(ref seen) >= 3_000, "The injected failure should have happened.");
        Assert.Equal(input.Select(i => (i, (long)i * i)), result.Order());
    }

    private sealed class FailOnceAfter(Func<bool> shouldFail) : Functions.ProcessFunction<(int, long), (int, long)>
    {
        private Functions.RuntimeContext? _context;

        public override void Open(Functions.RuntimeContext context) => _context = context;

        public override void ProcessElement((int, long) value, Functions.ProcessContext context, Functions.Collector<(int, long)> output)
        {
            if (_context!.AttemptNumber == 0 && shouldFail())
            {
                throw new InvalidOperationException("Injected failure.");
            }

            output.Collect(value);
        }
    }

    /// <summary>Every element's first call fails; the second succeeds.</summary>
    private sealed class FailsFirst : IAsyncFunction<int, int>
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> _calls = new();

        public async ValueTask<IEnumerable<int>> InvokeAsync(int input, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return _calls.AddOrUpdate(input, 1, (_, n) => n + 1) == 1 ? throw new InvalidOperationException("transient") : [input];
        }
    }

    [Fact]
    public async Task OrderedWaitWithRetry_RetriesWithBackoff()
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions { Parallelism = 2 });
        var input = Enumerable.Range(0, 300).ToList();
        var retry = AsyncRetryStrategy.ExponentialBackoff(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4));
        var result = await env.ExecuteAndCollectAsync(
            AsyncDataStream.OrderedWaitWithRetry(env.FromCollection(input), new FailsFirst(), TimeSpan.FromSeconds(30), 10, retry)).WaitAsync(Timeout);
        Assert.Equal(input, result.Order());
    }
}
