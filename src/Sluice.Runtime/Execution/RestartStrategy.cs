namespace Sluice.Runtime.Execution;

/// <summary>
/// Decides whether and when a failed job restarts. On any task failure the whole job restarts from its latest
/// completed checkpoint. Create instances with the static factories; each job gets its own tracker.
/// </summary>
public abstract class RestartStrategy
{
    private protected RestartStrategy()
    {
    }

    /// <summary>Never restart: the first failure fails the job.</summary>
    public static RestartStrategy None { get; } = new NoRestart();

    /// <summary>Restart up to <paramref name="maxAttempts"/> times, waiting <paramref name="delay"/> each time.</summary>
    public static RestartStrategy FixedDelay(int maxAttempts, TimeSpan delay) => new FixedDelayStrategy(maxAttempts, delay);

    /// <summary>
    /// Restart without limit, with a delay that starts at <paramref name="initial"/> and is multiplied by
    /// <paramref name="multiplier"/> after every failure up to <paramref name="max"/>; the delay resets after the
    /// job ran <paramref name="resetThreshold"/> without failure. <paramref name="jitter"/> (0..1) randomizes it.
    /// </summary>
    public static RestartStrategy ExponentialDelay(TimeSpan initial, TimeSpan max, double multiplier = 2.0, TimeSpan? resetThreshold = null,
        double jitter = 0.1) =>
        new ExponentialDelayStrategy(initial, max, multiplier, resetThreshold ?? TimeSpan.FromHours(1), jitter);

    /// <summary>Restart unless more than <paramref name="maxFailures"/> failures happen within <paramref name="interval"/>.</summary>
    public static RestartStrategy FailureRate(int maxFailures, TimeSpan interval, TimeSpan delay) =>
        new FailureRateStrategy(maxFailures, interval, delay);

    /// <summary>Creates the per-job tracker.</summary>
    internal abstract IRestartTracker CreateTracker();

    /// <summary>Tracks failures of one job.</summary>
    internal interface IRestartTracker
    {
        /// <summary>Records a failure at <paramref name="now"/>; returns the delay before restarting, or null to give up.</summary>
        TimeSpan? OnFailure(DateTimeOffset now);
    }

    private sealed class NoRestart : RestartStrategy
    {
        internal override IRestartTracker CreateTracker() => new Tracker();

        public override string ToString() => "none";

        private sealed class Tracker : IRestartTracker
        {
            public TimeSpan? OnFailure(DateTimeOffset now) => null;
        }
    }

    private sealed class FixedDelayStrategy(int maxAttempts, TimeSpan delay) : RestartStrategy
    {
        internal override IRestartTracker CreateTracker() => new Tracker(maxAttempts, delay);

        public override string ToString() => $"fixed-delay(attempts={maxAttempts}, delay={delay})";

        private sealed class Tracker(int maxAttempts, TimeSpan delay) : IRestartTracker
        {
            private int _attempts;

            public TimeSpan? OnFailure(DateTimeOffset now) => ++_attempts <= maxAttempts ? delay : null;
        }
    }

    private sealed class ExponentialDelayStrategy(TimeSpan initial, TimeSpan max, double multiplier, TimeSpan resetThreshold, double jitter)
        : RestartStrategy
    {
        public TimeSpan Initial { get; } = initial;

        public TimeSpan Max { get; } = max;

        public double Multiplier { get; } = multiplier;

        public TimeSpan ResetThreshold { get; } = resetThreshold;

        public double Jitter { get; } = jitter;

        internal override IRestartTracker CreateTracker() => new Tracker(this);

        public override string ToString() => $"exponential-delay(initial={Initial}, max={Max}, multiplier={Multiplier})";

        private sealed class Tracker(ExponentialDelayStrategy s) : IRestartTracker
        {
            private readonly Random _random = new(17);
            private TimeSpan _current = TimeSpan.Zero;
            private DateTimeOffset? _lastFailure;

            public TimeSpan? OnFailure(DateTimeOffset now)
            {
                if (_lastFailure is { } last && now - last >= s.ResetThreshold + _current)
                {
                    _current = TimeSpan.Zero;
                }

                _lastFailure = now;
                _current = _current == TimeSpan.Zero ? s.Initial : TimeSpan.FromTicks(Math.Min(s.Max.Ticks, (long)(_current.Ticks * s.Multiplier)));
                var spread = _current.Ticks * s.Jitter;
                return TimeSpan.FromTicks(Math.Max(0, _current.Ticks + (long)(((_random.NextDouble() * 2) - 1) * spread)));
            }
        }
    }

    private sealed class FailureRateStrategy(int maxFailures, TimeSpan interval, TimeSpan delay) : RestartStrategy
    {
        internal override IRestartTracker CreateTracker() => new Tracker(maxFailures, interval, delay);

        public override string ToString() => $"failure-rate(max={maxFailures}, interval={interval}, delay={delay})";

        private sealed class Tracker(int maxFailures, TimeSpan interval, TimeSpan delay) : IRestartTracker
        {
            private readonly Queue<DateTimeOffset> _failures = new();

            public TimeSpan? OnFailure(DateTimeOffset now)
            {
                _failures.Enqueue(now);
                while (_failures.Count > 0 && now - _failures.Peek() > interval)
                {
                    _failures.Dequeue();
                }

                return _failures.Count > maxFailures ? null : delay;
            }
        }
    }
}
