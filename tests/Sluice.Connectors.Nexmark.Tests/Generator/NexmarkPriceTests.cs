using Sluice.Connectors.Nexmark.Generator;
using Xunit;

namespace Sluice.Connectors.Nexmark.Tests.Generator;

public sealed class NexmarkPriceTests
{
    [Fact]
    public void Matches_the_exact_formula_on_random_draws()
    {
        var random = new Random(20261122);
        var mismatches = 0;
        for (var i = 0; i < 2_000_000; i++)
        {
            var u = (random.NextInt64() >>> 10) * (1.0 / (1UL << 53));
            if (NexmarkPrice.Of(u) != NexmarkPrice.Exact(u))
            {
                mismatches++;
            }
        }

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Matches_the_exact_formula_at_the_ends_and_at_rounding_boundaries()
    {
        double[] ends = [0, 1.0 / (1UL << 53), 0.5, 1 - (1.0 / (1UL << 53))];
        foreach (var u in ends)
        {
            Assert.Equal(NexmarkPrice.Exact(u), NexmarkPrice.Of(u));
        }

        // The last draw below each boundary where the exact price steps up, and the draws around it: the cases where the
        // table's rounding could differ from exp's.
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var target = NexmarkPrice.Exact(random.NextDouble()) + 1;
            var low = 0UL;
            var high = 1UL << 53;
            while (high - low > 1)
            {
                var middle = low + ((high - low) / 2);
                if (NexmarkPrice.Exact(middle * (1.0 / (1UL << 53))) < target)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            for (var m = low - Math.Min(low, 3UL); m <= Math.Min(low + 3, (1UL << 53) - 1); m++)
            {
                var u = m * (1.0 / (1UL << 53));
                Assert.Equal(NexmarkPrice.Exact(u), NexmarkPrice.Of(u));
            }
        }
    }

    [Fact]
    public void Covers_flinks_range_of_one_dollar_to_a_million()
    {
        Assert.Equal(100, NexmarkPrice.Of(0));
        Assert.Equal(100_000_000, NexmarkPrice.Of(1 - (1.0 / (1UL << 53))));
    }
}
