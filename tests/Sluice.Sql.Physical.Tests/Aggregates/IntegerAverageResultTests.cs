using System.Numerics;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Aggregates;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>An integer AVG's result (<see cref="AggregateResults.FromExact"/> with a count as divisor) is the quotient
/// truncated toward zero, as Java's integer division, for every sign of sum and count.</summary>
public sealed class IntegerAverageResultTests
{
    [Fact]
    public void IntegerQuotient_TruncatesTowardZero_LikeExactDivision()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            Int128 sum = random.NextInt64(long.MinValue, long.MaxValue) * (Int128)random.Next(1, 1000);
            var count = random.NextInt64(-5, 1_000_000);
            if (count == 0)
            {
                continue;
            }

            var expected = BigInteger.Divide((BigInteger)sum, count);
            if (expected < long.MinValue || expected > long.MaxValue)
            {
                continue;
            }

            Assert.Equal(AggregateValue.FromNumber((Int128)(long)expected), AggregateResults.FromExact(sum, 0, count, DataTypes.BigInt(), "avg"));
        }

        Assert.Equal(AggregateValue.FromNumber(-2), AggregateResults.FromExact(-7, 0, 3, DataTypes.BigInt(), "avg"));
        Assert.Equal(AggregateValue.FromNumber(2), AggregateResults.FromExact(7, 0, 3, DataTypes.Int(), "avg"));
    }
}
