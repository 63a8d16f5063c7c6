using Sluice.Core.Keys;
using Xunit;

namespace Sluice.Core.Tests.Keys;

public class KeyGroupsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(128)]
    [InlineData(1000)]
    public void RangeFor_EveryParallelism_CoversAllKeyGroupsContiguouslyWithoutOverlap(int maxParallelism)
    {
        for (var parallelism = 1; parallelism <= maxParallelism; parallelism++)
        {
            var next = 0;
            for (var subtask = 0; subtask < parallelism; subtask++)
            {
                var range = KeyGroups.RangeFor(maxParallelism, parallelism, subtask);
                Assert.Equal(next, range.Start);
                Assert.True(range.Count >= 1, $"Subtask {subtask} of {parallelism} owns no key group.");
                next = range.End + 1;
            }

            Assert.Equal(maxParallelism, next);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(128)]
    [InlineData(1000)]
    public void SubtaskFor_EveryKeyGroup_AgreesWithRangeFor(int maxParallelism)
    {
        for (var parallelism = 1; parallelism <= maxParallelism; parallelism++)
        {
            for (var subtask = 0; subtask < parallelism; subtask++)
            {
                var range = KeyGroups.RangeFor(maxParallelism, parallelism, subtask);
                for (var keyGroup = range.Start; keyGroup <= range.End; keyGroup++)
                {
                    Assert.Equal(subtask, KeyGroups.SubtaskFor(keyGroup, maxParallelism, parallelism));
                }
            }
        }
    }

    [Fact]
    public void RangeFor_MaxParallelismEqualsParallelism_OneGroupEach()
    {
        for (var subtask = 0; subtask < 128; subtask++)
        {
            Assert.Equal(new KeyGroupRange(subtask, subtask), KeyGroups.RangeFor(128, 128, subtask));
        }
    }

    [Fact]
    public void Assign_AnyHash_IsInRangeAndDeterministic()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var hash = random.Next(int.MinValue, int.MaxValue);
            var group = KeyGroups.Assign(hash, KeyGroups.DefaultMaxParallelism);
            Assert.InRange(group, 0, KeyGroups.DefaultMaxParallelism - 1);
            Assert.Equal(group, KeyGroups.Assign(hash, KeyGroups.DefaultMaxParallelism));
        }
    }

    [Fact]
    public void Assign_ManyKeys_SpreadsOverAllGroups()
    {
        var seen = new HashSet<int>();
        for (var key = 0L; key < 10_000; key++)
        {
            seen.Add(KeyGroups.Assign(KeyHashers.Int64.GetStableHash(key), 128));
        }

        Assert.Equal(128, seen.Count);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(KeyGroups.UpperBoundMaxParallelism + 1, 1)]
    [InlineData(128, 0)]
    [InlineData(128, 129)]
    public void Validate_OutOfBounds_Throws(int maxParallelism, int parallelism) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyGroups.Validate(maxParallelism, parallelism));

    [Fact]
    public void KeyGroupRange_IntersectAndContains()
    {
        var range = new KeyGroupRange(10, 20);
        Assert.True(range.Contains(10));
        Assert.True(range.Contains(20));
        Assert.False(range.Contains(21));
        Assert.Equal(new KeyGroupRange(15, 20), range.Intersect(new KeyGroupRange(15, 30)));
        Assert.Equal(0, range.Intersect(new KeyGroupRange(21, 30)).Count);
        Assert.Equal("[10..20]", range.ToString());
        Assert.Equal("[]", KeyGroupRange.Empty.ToString());
    }
}
