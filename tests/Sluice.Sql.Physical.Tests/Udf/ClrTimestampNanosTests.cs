using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Physical.Udf;

namespace Sluice.Sql.Physical.Tests.Udf;

/// <summary>
/// C# functions see <c>TIMESTAMP(7..9)</c> (nanoseconds) as <see cref="DateTime"/>/<see cref="DateTimeOffset"/> of 100 ns
/// ticks: read floored to the tick, written as whole ticks; microsecond timestamps are unchanged.
/// </summary>
public sealed class ClrTimestampNanosTests
{
    [Fact]
    public void NanosecondTimestamps_AreReadAndWrittenAsTicks()
    {
        using var nanos = PrimitiveVector<long>.FromValues(DataTypes.Timestamp(9), [1_234_567_899L, -1L]);

        Assert.Equal(DateTime.UnixEpoch.AddTicks(12_345_678), ClrValueHelpers.ReadTimestamp(nanos, 0));
        Assert.Equal(DateTime.UnixEpoch.AddTicks(-1), ClrValueHelpers.ReadTimestamp(nanos, 1));

        using var builder = ColumnVectorBuilder.Create(DataTypes.TimestampLtz(9), 1);
        ClrValueHelpers.WriteTimestampLtz(builder, new DateTimeOffset(DateTime.UnixEpoch.AddTicks(3), TimeSpan.Zero));
        using var written = builder.Build();
        Assert.Equal(300L, ((PrimitiveVector<long>)written).Values[0]);
    }

    [Fact]
    public void MicrosecondTimestamps_AreUnchanged()
    {
        using var micros = PrimitiveVector<long>.FromValues(DataTypes.Timestamp(6), [1_234_567L]);

        Assert.Equal(DateTime.UnixEpoch.AddTicks(12_345_670), ClrValueHelpers.ReadTimestamp(micros, 0));

        using var builder = ColumnVectorBuilder.Create(DataTypes.Timestamp(3), 1);
        ClrValueHelpers.WriteTimestamp(builder, DateTime.UnixEpoch.AddTicks(12_345_670));
        using var written = builder.Build();
        Assert.Equal(1_234_567L, ((PrimitiveVector<long>)written).Values[0]);
    }
}
