using System.Collections.Concurrent;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.DataStream.Async;
using Sluice.Testing;

namespace Sluice.DataStream.Tests.Async;

public class AsyncRetryTests
{
    /// <summary>Fails the first <c>failures</c> calls of every input with <typeparamref name="TError"/>, then succeeds.</summary>
    private sealed class Flaky<TError>(int failures) : IAsyncFunction<int, string>
        where TError : Exception, new()
    {
        public ConcurrentDictionary<int, int> Calls { get; } = new();

        public async ValueTask<IEnumerable<string>> InvokeAsync(int input, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var call = Calls.AddOrUpdate(input, 1, (_, n) => n + 1);
            return call <= failures ? throw new TError() : [$"r{input}@{call}"];
        }
    }

    private static AsyncWaitOperator<int, string> Create(IAsyncFunction<int, string> f, AsyncRetryStrategy retry) =>
        new(f, TimeSpan.FromSeconds(30), 10, ordered: true, Serializers.Int32, retry);

    private static (int, long)[] E(params int[] values) => values.Select(v => (v, (long)v)).ToArray();

    [Fact]
    public void FailedCalls_AreRetried_UntilOneSucceeds()
    {
        var f = new Flaky<InvalidOperationException>(failures: 2);
        using var h = new OperatorHarness(Create(f, AsyncRetryStrategy.FixedDelay(3, TimeSpan.Zero)));
        h.ProcessElements(E(1, 2));
        h.EndInput();
        Assert.Equal(["r1@3", "r2@3"], h.OutputElements<string>());
    }

    [Fact]
    public void MoreFailuresThanAttempts_FailWithTheLastCause()
    {
        var f = new Flaky<InvalidOperationException>(failures: 5);
        using var h = new OperatorHarness(Create(f, AsyncRetryStrategy.FixedDelay(2, TimeSpan.Zero)));
        var ex = Assert.ThrowsAny<SluiceException>(() =>
        {
            h.ProcessElements(E(1));
            h.EndInput();
        });
        Assert.IsType<InvalidOperationException>((ex is TaskFailureException ? ex.InnerException : ex)!.InnerException);
        Assert.Equal(2, f.Calls[1]);
    }

    [Fact]
    public void ExceptionsThePredicateRejects_AreNotRetried()
    {
        var f = new Flaky<ArgumentException>(failures: 1);
        using var h = new OperatorHarness(Create(f, AsyncRetryStrategy.FixedDelay(5, TimeSpan.Zero).RetryOn(e => e is InvalidOperationException)));
        Assert.ThrowsAny<SluiceException>(() =>
        {
            h.ProcessElements(E(1));
            h.EndInput();
        });
        Assert.Equal(1, f.Calls[1]);
    }

    [Fact]
    public void ExponentialBackoff_GrowsUpToTheMaximum()
    {
        var strategy = AsyncRetryStrategy.ExponentialBackoff(5, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));
        Assert.Equal([10.0, 20.0, 40.0, 50.0], Enumerable.Range(1, 4).Select(r => strategy.DelayBefore(r).TotalMilliseconds));
        Assert.False(strategy.ShouldRetry(5, new InvalidOperationException()));
        Assert.True(strategy.ShouldRetry(4, new InvalidOperationException()));
    }
}
