using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Heap;
using Sluice.State.Keyed;
using Xunit;

namespace Sluice.State.Tests;

/// <summary>
/// The heap map state hands out one reused entries enumerable per handle (probing a map per row allocates nothing);
/// nested, repeated and abandoned enumerations must still see the right entries.
/// </summary>
public sealed class HeapMapStateEntriesTests
{
    private static readonly KeyGroupRange FullRange = new(0, 127);

    private static (HeapKeyedStateBackend<long> Backend, IMapState<long, long> State) Create(StateTtlConfig? ttl = null)
    {
        var backend = new HeapKeyedStateBackend<long>(FullRange, 128, Serializers.Int64, KeyHashers.Int64,
            new ManualTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var state = backend.GetMapState(new MapStateDescriptor<long, long>("m", Serializers.Int64, Serializers.Int64) { Ttl = ttl });
        return (backend, state);
    }

    [Fact]
    public void Entries_RepeatedPerKey_AllocatesNothingInSteadyState()
    {
        var (backend, state) = Create();
        using (backend)
        {
            for (long key = 0; key < 100; key++)
            {
                backend.SetCurrentKey(key);
                state.Put(key, key * 10);
                state.Put(key + 1000, 1);
            }

            long Sum()
            {
                long sum = 0;
                for (long key = 0; key < 100; key++)
                {
                    backend.SetCurrentKey(key);
                    foreach (var (_, value) in state.Entries())
                    {
                        sum += value;
                    }
                }

                return sum;
            }

            var expected = Enumerable.Range(0, 100).Sum(k => (k * 10L) + 1);
            Assert.Equal(expected, Sum());
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sum = Sum();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(expected, sum);
            Assert.Equal(0, allocated);
        }
    }

    [Fact]
    public void Entries_NestedOnTheSameHandle_EnumeratesBothMaps()
    {
        var (backend, state) = Create();
        using (backend)
        {
            backend.SetCurrentKey(1);
            state.Put(1, 10);
            state.Put(2, 20);
            var pairs = new List<(long, long)>();
            foreach (var (outer, _) in state.Entries())
            {
                foreach (var (inner, _) in state.Entries())
                {
                    pairs.Add((outer, inner));
                }
            }

            Assert.Equal([(1L, 1L), (1L, 2L), (2L, 1L), (2L, 2L)], pairs.Order());
        }
    }

    [Fact]
    public void Entries_AbandonedOrEnumeratedTwice_StillCorrect()
    {
        var (backend, state) = Create();
        using (backend)
        {
            backend.SetCurrentKey(1);
            state.Put(1, 10);
            backend.SetCurrentKey(2);
            state.Put(2, 20);
            state.Put(3, 30);

            // Taken and never enumerated.
            _ = state.Entries();
            var twice = state.Entries();
            Assert.Equal([2L, 3L], twice.Select(e => e.Key).Order());
            Assert.Equal([2L, 3L], twice.Select(e => e.Key).Order());
            Assert.True(state.Entries().Any());

            backend.SetCurrentKey(1);
            Assert.Equal([1L], state.Keys().ToList());
            backend.SetCurrentKey(3);
            Assert.Empty(state.Entries());
        }
    }

    [Fact]
    public void Entries_RemovingEveryEntryWhileEnumerating_LeavesTheKeyEmpty()
    {
        var (backend, state) = Create();
        using (backend)
        {
            backend.SetCurrentKey(7);
            state.Put(1, 1);
            state.Put(2, 2);
            foreach (var (key, _) in state.Entries())
            {
                state.Remove(key);
            }

            Assert.True(state.IsEmpty);
            Assert.Empty(backend.GetKeys("m"));
        }
    }
}
