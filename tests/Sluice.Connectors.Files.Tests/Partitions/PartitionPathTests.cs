using Sluice.Connectors.Files.Partitions;

namespace Sluice.Connectors.Files.Tests.Partitions;

/// <summary>Partition folder names as Flink writes them: escaping, the default partition, parsing back.</summary>
public sealed class PartitionPathTests
{
    [Theory]
    [InlineData("2024-01-01")]
    [InlineData("a/b")]
    [InlineData("x=y")]
    [InlineData("50% off: \"now\" #1?")]
    [InlineData("tab\there{[^]}*'\\")]
    [InlineData("ünïcödé stays")]
    public void Escape_ThenUnescape_GivesTheValueBack_AndTheSegmentHasNoSeparatorOrEquals(string value)
    {
        var escaped = PartitionPath.Escape(value);

        Assert.DoesNotContain('/', escaped);
        Assert.DoesNotContain('=', escaped);
        Assert.DoesNotContain('\t', escaped);
        Assert.Equal(value, PartitionPath.Unescape(escaped));
    }

    [Fact]
    public void Escape_UsesTwoUpperCaseHexDigits_AsFlink()
    {
        Assert.Equal("a%2Fb%3Dc%25d%3A", PartitionPath.Escape("a/b=c%d:"));
        Assert.Equal("plain-value_1.0 x", PartitionPath.Escape("plain-value_1.0 x"));
    }

    [Fact]
    public void Build_NullAndEmptyValues_GoToTheDefaultPartition()
    {
        Assert.Equal("dt=2024-01-01/hour=__DEFAULT_PARTITION__/", PartitionPath.Build(["dt", "hour"], ["2024-01-01", null]));
        Assert.Equal("dt=none/", PartitionPath.Build(["dt"], [""], "none"));
    }

    [Fact]
    public void Parse_ReadsEachKeyValueFolder_Unescaped_SkippingOthers()
    {
        var spec = PartitionPath.Parse("dt=2024-01-01/extra/c=a%2Fb/");

        Assert.Equal([new("dt", "2024-01-01"), new("c", "a/b")], spec);
    }

    [Fact]
    public void Unescape_LeavesAPercentWithoutTwoHexDigitsAlone()
    {
        Assert.Equal("100%", PartitionPath.Unescape("100%"));
        Assert.Equal("%zz", PartitionPath.Unescape("%zz"));
    }

    [Fact]
    public void TimeExtractor_PatternAndFormatter_AsFlinksDefaultExtractor()
    {
        var hourly = new PartitionTimeExtractor("$dt $hour:00:00", null);
        var firstValue = new PartitionTimeExtractor(null, null);
        var custom = new PartitionTimeExtractor("$day", "yyyyMMdd");

        Assert.Equal(new DateTime(2024, 1, 31, 13, 0, 0), hourly.Extract([new("dt", "2024-01-31"), new("hour", "13")]));
        Assert.Equal(new DateTime(2024, 1, 31), firstValue.Extract([new("dt", "2024-01-31")]));
        Assert.Equal(new DateTime(2024, 2, 1), custom.Extract([new("day", "20240201")]));
        var error = Assert.Throws<Sluice.Connectors.Abstractions.Table.TableOptionException>(() => firstValue.Extract([new("dt", "yesterday")]));
        Assert.Contains("'yesterday'", error.Message, StringComparison.Ordinal);
    }
}
