using Sluice.Sql.Physical.Operators.Aggregates;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>The open-addressing multiset of integer DISTINCT (<see cref="LongCountMap"/>) against a dictionary.</summary>
public sealed class LongCountMapTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void RandomIncrementsAndDecrements_MatchADictionary(int range)
    {
        var random = new Random(range);
        var map = new LongCountMap();
        var model = new Dictionary<long, (long Count, long Order)>();
        for (var step = 0; step < 60_000; step++)
        {
            // Values spread over the whole long range and clustered, so probe runs wrap and collide.
            var value = random.Next(range) * (step % 3 == 0 ? 1L : -7_919L) + (step % 5 == 0 ? long.MinValue / 2 : 0);
            if (random.Next(3) > 0)
            {
                var isNew = !model.TryGetValue(value, out var entry);
                model[value] = isNew ? (1, step) : (entry.Count + 1, entry.Order);
                Assert.Equal(isNew, map.Increment(value, step));
            }
            else
            {
                var expected = model.TryGetValue(value, out var entry) ? entry.Count - 1 : -1;
                if (expected == 0)
                {
                    model.Remove(value);
                }
                else if (expected > 0)
                {
                    model[value] = (expected, entry.Order);
                }

                Assert.Equal(expected, map.Decrement(value));
            }

            Assert.Equal(model.Count, map.Count);
        }

        Assert.Equal(
            model.Select(e => (e.Key, e.Value.Count, e.Value.Order)).Order(),
            map.Entries().Order());
    }

    [Fact]
    public void IncrementByACount_AddsThatManyOccurrences()
    {
        var map = new LongCountMap(2);
        Assert.True(map.Increment(42, order: 3, delta: 5));
        Assert.False(map.Increment(42, order: 9, delta: 2));

        Assert.Equal([(42L, 7L, 3L)], map.Entries());
        for (var i = 6; i >= 0; i--)
        {
            Assert.Equal(i, map.Decrement(42));
        }

        Assert.Equal(0, map.Count);
        Assert.Equal(-1, map.Decrement(42));
    }
}
