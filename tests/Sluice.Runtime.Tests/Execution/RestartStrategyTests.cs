using Sluice.Runtime.Execution;

namespace Sluice.Runtime.Tests.Execution;

public class RestartStrategyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void None_FirstFailure_GivesUp()
    {
        var tracker = RestartStrategy.None.CreateTracker();

        Assert.Null(tracker.OnFailure(T0));
    }

    [Fact]
    public void FixedDelay_UpToMaxAttempts_ReturnsTheDelayThenGivesUp()
    {
        var tracker = RestartStrategy.FixedDelay(3, TimeSpan.FromSeconds(5)).CreateTracker();

        Assert.Equal(TimeSpan.FromSeconds(5), tracker.OnFailure(T0));
        Assert.Equal(TimeSpan.FromSeconds(5), tracker.OnFailure(T0.AddHours(1)));
        Assert.Equal(TimeSpan.FromSeconds(5), tracker.OnFailure(T0.AddDays(1)));
        Assert.Null(tracker.OnFailure(T0.AddDays(2)));
        Assert.Null(tracker.OnFailure(T0.AddDays(3)));
    }

    [Fact]
    public void FixedDelay_EachTrackerCountsItsOwnJob()
    {
        var strategy = RestartStrategy.FixedDelay(1, TimeSpan.Zero);
        var first = strategy.CreateTracker();
        Assert.Equal(TimeSpan.Zero, first.OnFailure(T0));
        Assert.Null(first.OnFailure(T0));

        Assert.Equal(TimeSpan.Zero, strategy.CreateTracker().OnFailure(T0));
    }

    [Fact]
    public void FailureRate_MoreThanMaxFailuresWithinInterval_GivesUp()
    {
        var tracker = RestartStrategy.FailureRate(2, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(3)).CreateTracker();

        Assert.Equal(TimeSpan.FromSeconds(3), tracker.OnFailure(T0));
        Assert.Equal(TimeSpan.FromSeconds(3), tracker.OnFailure(T0.AddSeconds(20)));
        Assert.Null(tracker.OnFailure(T0.AddSeconds(40)));
    }

    [Fact]
    public void FailureRate_OldFailuresLeaveTheWindow_KeepsRestarting()
    {
        var tracker = RestartStrategy.FailureRate(2, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(3)).CreateTracker();

        // Failures every 35 seconds: never more than two within any minute.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(3), tracker.OnFailure(T0.AddSeconds(35 * i)));
        }
    }

    [Fact]
    public void FailureRate_BurstAfterQuietPeriod_CountsOnlyTheBurst()
    {
        var tracker = RestartStrategy.FailureRate(2, TimeSpan.FromMinutes(1), TimeSpan.Zero).CreateTracker();
        Assert.NotNull(tracker.OnFailure(T0));
        Assert.NotNull(tracker.OnFailure(T0.AddSeconds(1)));

        var later = T0.AddMinutes(10);
        Assert.NotNull(tracker.OnFailure(later));
        Assert.NotNull(tracker.OnFailure(later.AddSeconds(1)));
        Assert.Null(tracker.OnFailure(later.AddSeconds(2)));
    }

    [Fact]
    public void ExponentialDelay_RepeatedFailures_GrowsByTheMultiplierUpToTheMax()
    {
        var tracker = RestartStrategy.ExponentialDelay(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), multiplier: 2.0,
            resetThreshold: TimeSpan.FromHours(1), jitter: 0).CreateTracker();
        var now = T0;
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            var delay = tracker.OnFailure(now)!.Value;
            delays.Add(delay);
            now += delay + TimeSpan.FromSeconds(1); // the job fails again one second after restarting
        }

        Assert.Equal(new[] { 1, 2, 4, 8, 10, 10, 10 }.Select(s => TimeSpan.FromSeconds(s)), delays);
    }

    [Fact]
    public void ExponentialDelay_RanLongerThanResetThreshold_StartsAgainFromInitial()
    {
        var threshold = TimeSpan.FromMinutes(30);
        var tracker = RestartStrategy.ExponentialDelay(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), multiplier: 2.0,
            resetThreshold: threshold, jitter: 0).CreateTracker();
        Assert.Equal(TimeSpan.FromSeconds(1), tracker.OnFailure(T0));
        Assert.Equal(TimeSpan.FromSeconds(2), tracker.OnFailure(T0.AddSeconds(2)));
        var last = T0.AddSeconds(5);
        Assert.Equal(TimeSpan.FromSeconds(4), tracker.OnFailure(last));

        // Restarted after 4 s, then ran for the whole threshold without failing.
        Assert.Equal(TimeSpan.FromSeconds(1), tracker.OnFailure(last + TimeSpan.FromSeconds(4) + threshold));
    }

    [Fact]
    public void ExponentialDelay_FailsBeforeResetThreshold_KeepsGrowing()
    {
        var threshold = TimeSpan.FromMinutes(30);
        var tracker = RestartStrategy.ExponentialDelay(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), multiplier: 3.0,
            resetThreshold: threshold, jitter: 0).CreateTracker();
        Assert.Equal(TimeSpan.FromSeconds(1), tracker.OnFailure(T0));
        Assert.Equal(TimeSpan.FromSeconds(3), tracker.OnFailure(T0.AddMinutes(10)));

        Assert.Equal(TimeSpan.FromSeconds(9), tracker.OnFailure(T0.AddMinutes(39)));
    }

    [Fact]
    public void ExponentialDelay_WithJitter_StaysWithinTheJitterBandAroundTheDelay()
    {
        var tracker = RestartStrategy.ExponentialDelay(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(64), multiplier: 2.0,
            resetThreshold: TimeSpan.FromHours(1), jitter: 0.25).CreateTracker();
        var nominal = TimeSpan.FromSeconds(1);
        for (var i = 0; i < 10; i++)
        {
            var delay = tracker.OnFailure(T0.AddSeconds(i))!.Value;
            Assert.InRange(delay, nominal * 0.75, nominal * 1.25);
            nominal = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(64).Ticks, nominal.Ticks * 2));
        }
    }
}
