using Sluice.Runtime.Tasks;

namespace Sluice.Runtime.Tests.Tasks;

public class WatermarkValveTests
{
    [Fact]
    public void OnWatermark_BeforeEveryChannelReported_EmitsNothing()
    {
        var valve = new WatermarkValve(3);

        Assert.Null(valve.OnWatermark(0, 100));
        Assert.Null(valve.OnWatermark(1, 200));

        Assert.Equal(long.MinValue, valve.Current);
    }

    [Fact]
    public void OnWatermark_AllChannelsReported_EmitsMinimumOverChannels()
    {
        var valve = new WatermarkValve(3);
        valve.OnWatermark(0, 100);
        valve.OnWatermark(1, 50);

        Assert.Equal(50, valve.OnWatermark(2, 70));
        Assert.Equal(70, valve.OnWatermark(1, 300));
        Assert.Equal(100, valve.OnWatermark(2, 400));
        Assert.Equal(100, valve.Current);
    }

    [Fact]
    public void OnWatermark_MinimumDoesNotAdvance_EmitsNothing()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 100);
        Assert.Equal(100, valve.OnWatermark(1, 100));

        Assert.Null(valve.OnWatermark(0, 200));
        Assert.Null(valve.OnWatermark(0, 150));
        Assert.Equal(100, valve.Current);
    }

    [Fact]
    public void OnWatermark_ChannelGoesBackwards_ChannelKeepsItsHighestWatermark()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 100);
        valve.OnWatermark(1, 500);
        Assert.Null(valve.OnWatermark(0, 40));

        // Channel 0 is still at 100, not 40: raising channel 1 does not change the minimum.
        Assert.Null(valve.OnWatermark(1, 600));
        Assert.Equal(100, valve.Current);
        Assert.Equal(600, valve.OnWatermark(0, 700));
    }

    [Fact]
    public void OnIdle_LaggingChannelGoesIdle_IsExcludedFromMinimum()
    {
        var valve = new WatermarkValve(3);
        valve.OnWatermark(0, 100);
        valve.OnWatermark(1, 10);
        Assert.Equal(10, valve.OnWatermark(2, 300));

        Assert.Equal(100, valve.OnIdle(1, idle: true));
        Assert.False(valve.IsIdle);
        Assert.Equal(300, valve.OnWatermark(0, 500));
    }

    [Fact]
    public void OnIdle_ChannelNeverReportedGoesIdle_NoLongerHoldsBackTheOthers()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 100);

        Assert.Equal(100, valve.OnIdle(1, idle: true));
    }

    [Fact]
    public void OnIdle_EveryChannelIdle_FlushesHighestWatermarkReachedAndIsIdle()
    {
        var valve = new WatermarkValve(3);
        valve.OnWatermark(0, 100);
        valve.OnWatermark(1, 400);
        valve.OnWatermark(2, 250);
        Assert.Equal(100, valve.Current);

        Assert.Equal(250, valve.OnIdle(0, idle: true));
        Assert.Equal(400, valve.OnIdle(2, idle: true));
        Assert.False(valve.IsIdle);
        Assert.Null(valve.OnIdle(1, idle: true));

        Assert.True(valve.IsIdle);
        Assert.Equal(400, valve.Current);
    }

    [Fact]
    public void OnIdle_LastActiveChannelGoesIdle_RaisesTheWatermarkToTheHighestReached()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 100);
        valve.OnWatermark(1, 900);
        Assert.Null(valve.OnIdle(1, idle: true)); // channel 0 alone: still 100

        Assert.Equal(900, valve.OnIdle(0, idle: true));
        Assert.True(valve.IsIdle);
    }

    [Fact]
    public void OnWatermark_IdleChannelReportsAgain_BecomesActiveButNeverLowersTheOutput()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 100);
        valve.OnWatermark(1, 500);
        valve.OnIdle(0, idle: true);
        Assert.Equal(500, valve.Current);

        Assert.Null(valve.OnWatermark(0, 200));

        Assert.False(valve.IsIdle);
        Assert.Equal(500, valve.Current);
        // Channel 0 is active again and now holds the minimum back.
        Assert.Null(valve.OnWatermark(1, 800));
        Assert.Equal(600, valve.OnWatermark(0, 600));
    }

    [Fact]
    public void OnIdle_ChannelActiveAgain_RejoinsTheMinimum()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 100);
        valve.OnWatermark(1, 300);
        valve.OnIdle(0, idle: true);
        Assert.Equal(300, valve.Current);

        Assert.Null(valve.OnIdle(0, idle: false));
        Assert.Null(valve.OnWatermark(1, 1000));

        Assert.Equal(300, valve.Current);
        Assert.Equal(700, valve.OnWatermark(0, 700));
    }

    [Fact]
    public void OnEnded_LaggingChannelEnds_IsExcludedFromMinimum()
    {
        var valve = new WatermarkValve(3);
        valve.OnWatermark(0, 100);
        valve.OnWatermark(1, 200);
        Assert.Equal(100, valve.OnWatermark(2, 300));

        Assert.Equal(200, valve.OnEnded(0));
        Assert.False(valve.IsIdle);
    }

    [Fact]
    public void OnEnded_EveryChannelEnded_EmitsMaxValueAndIsNotIdle()
    {
        var valve = new WatermarkValve(2);
        valve.OnWatermark(0, 100);
        valve.OnEnded(1);

        Assert.Equal(long.MaxValue, valve.OnEnded(0));
        Assert.False(valve.IsIdle);
        Assert.Equal(long.MaxValue, valve.Current);
    }

    [Fact]
    public void OnEnded_RemainingChannelsIdle_FlushesHighestOfTheRemainingAndIsIdle()
    {
        var valve = new WatermarkValve(3);
        valve.OnWatermark(0, 100);
        valve.OnWatermark(1, 200);
        valve.OnWatermark(2, 900);
        valve.OnIdle(1, idle: true);
        valve.OnIdle(0, idle: true);
        Assert.Equal(900, valve.Current);

        Assert.Null(valve.OnEnded(2));

        Assert.True(valve.IsIdle);
        Assert.Equal(900, valve.Current);
    }

    [Fact]
    public void OnWatermark_SequenceOfUpdates_EmitsStrictlyIncreasingValues()
    {
        var random = new Random(20240607);
        var valve = new WatermarkValve(4);
        var emitted = new List<long>();
        for (var i = 0; i < 2000; i++)
        {
            var channel = random.Next(4);
            var result = random.Next(10) switch
            {
                0 => valve.OnIdle(channel, idle: true),
                1 => valve.OnIdle(channel, idle: false),
                _ => valve.OnWatermark(channel, random.Next(0, 100_000)),
            };
            if (result is { } wm)
            {
                emitted.Add(wm);
                Assert.Equal(wm, valve.Current);
            }
        }

        Assert.NotEmpty(emitted);
        Assert.All(emitted.Zip(emitted.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} after {pair.First}"));
    }
}
