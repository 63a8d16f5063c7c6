namespace Sluice.DataStream.Async;

/// <summary>
/// When an async call that failed is made again (<see cref="AsyncDataStream.OrderedWaitWithRetry"/>): at most
/// <see cref="MaxAttempts"/> calls per element, with a delay before each retry, for the exceptions the predicate accepts.
/// The operator's timeout covers all attempts of an element together.
/// </summary>
public sealed class AsyncRetryStrategy
{
    private readonly Func<int, TimeSpan> _delay;
    private readonly Func<Exception, bool> _retryOn;

    private AsyncRetryStrategy(int maxAttempts, Func<int, TimeSpan> delay, Func<Exception, bool>? retryOn)
    {
        MaxAttempts = maxAttempts;
        _delay = delay;
        _retryOn = retryOn ?? (static _ => true);
    }

    /// <summary>The most calls per element, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>Up to <paramref name="maxAttempts"/> calls, <paramref name="delay"/> apart.</summary>
    public static AsyncRetryStrategy FixedDelay(int maxAttempts, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new AsyncRetryStrategy(maxAttempts, _ => delay, null);
    }

    /// <summary>Up to <paramref name="maxAttempts"/> calls; the delay starts at <paramref name="initialDelay"/> and is multiplied by <paramref name="multiplier"/> after every retry, up to <paramref name="maxDelay"/>.</summary>
    public static AsyncRetryStrategy ExponentialBackoff(int maxAttempts, TimeSpan initialDelay, TimeSpan maxDelay, double multiplier = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, initialDelay);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1.0);
        return new AsyncRetryStrategy(maxAttempts,
            retry => TimeSpan.FromTicks((long)Math.Min(maxDelay.Ticks, initialDelay.Ticks * Math.Pow(multiplier, retry - 1))), null);
    }

    /// <summary>Retries only the exceptions for which <paramref name="predicate"/> is true (all by default).</summary>
    public AsyncRetryStrategy RetryOn(Func<Exception, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new AsyncRetryStrategy(MaxAttempts, _delay, predicate);
    }

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the second call).</summary>
    internal TimeSpan DelayBefore(int retry) => _delay(retry);

    /// <summary>True when the failed call number <paramref name="attempt"/> is made again.</summary>
    internal bool ShouldRetry(int attempt, Exception error) => attempt < MaxAttempts && _retryOn(error);
}
