using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Core.Tests.Types;

public class TimestampUnitTests
{
    private static readonly DataType Micros = DataTypes.Timestamp(6);
    private static readonly DataType Nanos = DataTypes.Timestamp(9);

    [Theory]
    [InlineData(0, false)]
    [InlineData(3, false)]
    [InlineData(6, false)]
    [InlineData(7, true)]
    [InlineData(9, true)]
    public void IsNanos_IsTrueAbovePrecisionSix_ForBothTimestampKinds(int precision, bool nanos)
    {
        Assert.Equal(nanos, TimestampUnit.IsNanos(DataTypes.Timestamp(precision)));
        Assert.Equal(nanos, TimestampUnit.IsNanos(DataTypes.TimestampLtz(precision)));
        Assert.False(TimestampUnit.IsNanos(DataTypes.Time(Math.Min(precision, DataTypes.MaxTimePrecision))));
        Assert.Equal(nanos ? 1_000_000_000L : 1_000_000L, TimestampUnit.TicksPerSecond(precision));
    }

    [Theory]
    [InlineData(-1L, -1L, 999)]
    [InlineData(-1000L, -1L, 0)]
    [InlineData(1999L, 1L, 999)]
    [InlineData(long.MinValue, -9_223_372_036_854_776L, 192)]
    public void ToMicros_FloorsAndNanoOfMicro_IsTheRest(long nanos, long micros, int rest)
    {
        Assert.Equal(micros, TimestampUnit.ToMicros(nanos, Nanos));
        Assert.Equal(rest, TimestampUnit.NanoOfMicro(nanos, Nanos));
        Assert.Equal(nanos, TimestampUnit.FromMicros(micros, Nanos, rest));
    }

    [Fact]
    public void MicrosecondTypes_AreUnchanged()
    {
        Assert.Equal(-7, TimestampUnit.ToMicros(-7, Micros));
        Assert.Equal(0, TimestampUnit.NanoOfMicro(-7, Micros));
        Assert.Equal(-7, TimestampUnit.FromMicros(-7, Micros, 999));
        Assert.Equal(-7, TimestampUnit.Convert(-7, DataTypes.Timestamp(3), Micros));
    }

    [Fact]
    public void Convert_BetweenUnits_FloorsIntoMicrosAndChecksIntoNanos()
    {
        Assert.Equal(-1, TimestampUnit.Convert(-1, Nanos, Micros));
        Assert.Equal(-1000, TimestampUnit.Convert(-1, Micros, DataTypes.TimestampLtz(7)));
        var error = Assert.Throws<SluiceException>(() => TimestampUnit.Convert(9_223_372_036_854_776L, Micros, Nanos));
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Contains("2262-04-11 23:47:16.854776000", error.Message, StringComparison.Ordinal);
        Assert.Contains(TimestampUnit.NanosRangeText, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMicrosToNanos_AcceptsExactlyTheInt64Range()
    {
        Assert.True(TimestampUnit.TryMicrosToNanos(9_223_372_036_854_775L, 807, out var max));
        Assert.Equal(long.MaxValue, max);
        Assert.False(TimestampUnit.TryMicrosToNanos(9_223_372_036_854_775L, 808, out _));
        Assert.True(TimestampUnit.TryMicrosToNanos(-9_223_372_036_854_776L, 192, out var min));
        Assert.Equal(long.MinValue, min);
        Assert.False(TimestampUnit.TryMicrosToNanos(-9_223_372_036_854_776L, 191, out _));
    }

    [Theory]
    [InlineData(9, 123_456_789L, 123_456_789L)]
    [InlineData(7, 123_456_789L, 123_456_700L)]
    [InlineData(8, -1L, -10L)]
    [InlineData(3, 123_456L, 123_000L)]
    [InlineData(0, -1L, -1_000_000L)]
    public void Truncate_MovesTowardTheEarlierInstant(int precision, long value, long expected) =>
        Assert.Equal(expected, TimestampUnit.Truncate(value, precision));

    [Fact]
    public void WithType_RefusesToRelabelAcrossUnits_ButRelabelsWithinOne()
    {
        using var micros = PrimitiveVector<long>.FromValues(DataTypes.Timestamp(3), [1_000]);

        Assert.Throws<ArgumentException>(() => micros.WithType(Nanos));
        using var six = micros.WithType(Micros);
        Assert.Equal(Micros, six.DataType);
    }

    [Fact]
    public void BoxedValues_OfNanosecondColumns_AreDateTimesOfTheirTicks()
    {
        var at = new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Unspecified).AddTicks(1_234_567);
        using var builder = ColumnVectorBuilder.Create(Nanos, 2);
        builder.Append(at);
        builder.Append(-1L);
        using var vector = builder.Build();

        var values = ((PrimitiveVector<long>)vector).Values;
        Assert.Equal(((at.Ticks - DateTime.UnixEpoch.Ticks) * 100), values[0]);
        Assert.Equal(-1, values[1]);
        Assert.Equal(at, vector.GetValue(0));
        Assert.Equal(DateTime.UnixEpoch.AddTicks(-1), vector.GetValue(1));
    }

    [Fact]
    public void BoxedValues_OutOfTheNanosecondRange_AreUserErrors()
    {
        using var builder = ColumnVectorBuilder.Create(DataTypes.TimestampLtz(9), 1);

        var error = Assert.Throws<SluiceException>(() => builder.Append(new DateTimeOffset(2300, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Contains("2300-01-01 00:00:00.000000000", error.Message, StringComparison.Ordinal);
    }
}
