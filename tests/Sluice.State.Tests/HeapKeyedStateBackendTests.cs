using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Heap;
using Sluice.State.Keyed;
using Xunit;

namespace Sluice.State.Tests;

public sealed class HeapKeyedStateBackendTests : StateBackendContractTests
{
    protected override IKeyedStateBackend<long> CreateBackend(KeyGroupRange range, int maxParallelism, TimeProvider time) =>
        new HeapKeyedStateBackend<long>(range, maxParallelism, Serializers.Int64, KeyHashers.Int64, time);

    [Fact]
    public void HotPath_SetCurrentKeyValueAndUpdate_AllocatesNothing()
    {
        using var backend = new HeapKeyedStateBackend<long>(FullRange, MaxParallelism, Serializers.Int64, KeyHashers.Int64, Time);
        var state = backend.GetValueState(CountDescriptor);
        var namespaced = backend.GetValueState(new ValueStateDescriptor<long>("per-window", Serializers.Int64), Serializers.Int64);
        void Run()
        {
            for (long key = 0; key < 1000; key++)
            {
                backend.SetCurrentKey(key);
                state.Update(state.Value() + 1);
                namespaced.SetCurrentNamespace(key % 3);
                namespaced.Update(namespaced.Value() + key);
            }
        }

        Run();
        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        backend.SetCurrentKey(5);
        Assert.Equal(3, state.Value());
    }

    [Fact]
    public void Constructor_RangeBeyondMaxParallelism_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new HeapKeyedStateBackend<long>(new KeyGroupRange(0, 128), 128, Serializers.Int64, KeyHashers.Int64, TimeProvider.System));
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var backend = new HeapKeyedStateBackend<long>(FullRange, MaxParallelism, Serializers.Int64, KeyHashers.Int64, Time);
        backend.Dispose();

        Assert.Throws<ObjectDisposedException>(() => backend.GetValueState(CountDescriptor));
        Assert.Throws<ObjectDisposedException>(() => backend.Snapshot());
    }
}
