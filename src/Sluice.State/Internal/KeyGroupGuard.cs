using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Sluice.Core.Errors;
using Sluice.Core.Keys;

namespace Sluice.State.Internal;

/// <summary>Computes a key's key group and checks it against a backend's range.</summary>
internal static class KeyGroupGuard
{
    /// <summary>The key group of <paramref name="key"/>; throws when it is not in <paramref name="range"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Assign<TKey>(TKey key, IKeyHasher<TKey> hasher, int maxParallelism, KeyGroupRange range)
    {
        var keyGroup = KeyGroups.Assign(hasher.GetStableHash(key), maxParallelism);
        if (!range.Contains(keyGroup))
        {
            ThrowOutOfRange(keyGroup, range, maxParallelism);
        }

        return keyGroup;
    }

    /// <summary>Throws the error for a key whose key group this backend does not own.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowOutOfRange(int keyGroup, KeyGroupRange range, int maxParallelism) =>
        throw new StateException(
            $"Key group {keyGroup} (max parallelism {maxParallelism}) is outside this backend's key group range {range}: " +
            "the key was routed to the wrong subtask, or the key hasher differs from the partitioner's.");
}
