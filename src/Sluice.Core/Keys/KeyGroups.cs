using System.Runtime.CompilerServices;
using Sluice.Core.Hashing;

namespace Sluice.Core.Keys;

/// <summary>
/// Maps keys to key groups and key groups to subtasks. A key's group depends only on its stable hash and the
/// job's max parallelism, never on the parallelism, so state can be redistributed when parallelism changes:
/// each subtask owns a contiguous range of key groups.
/// </summary>
public static class KeyGroups
{
    /// <summary>The default max parallelism (number of key groups).</summary>
    public const int DefaultMaxParallelism = 128;

    /// <summary>The upper bound on max parallelism.</summary>
    public const int UpperBoundMaxParallelism = 1 << 15;

    /// <summary>The key group of a key with the given stable hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Assign(int stableHash, int maxParallelism) =>
        (int)((uint)StableHash.Hash(stableHash) % (uint)maxParallelism);

    /// <summary>The key groups owned by subtask <paramref name="subtaskIndex"/> of <paramref name="parallelism"/>.</summary>
    public static KeyGroupRange RangeFor(int maxParallelism, int parallelism, int subtaskIndex)
    {
        Validate(maxParallelism, parallelism);
        var start = ((subtaskIndex * maxParallelism) + parallelism - 1) / parallelism;
        var end = (((subtaskIndex + 1) * maxParallelism) - 1) / parallelism;
        return new KeyGroupRange(start, end);
    }

    /// <summary>The subtask that owns <paramref name="keyGroup"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SubtaskFor(int keyGroup, int maxParallelism, int parallelism) => keyGroup * parallelism / maxParallelism;

    /// <summary>Checks that a parallelism fits a max parallelism.</summary>
    public static void Validate(int maxParallelism, int parallelism)
    {
        if (maxParallelism < 1 || maxParallelism > UpperBoundMaxParallelism)
        {
            throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism,
                $"Max parallelism must be between 1 and {UpperBoundMaxParallelism}.");
        }

        if (parallelism < 1 || parallelism > maxParallelism)
        {
            throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism,
                $"Parallelism must be between 1 and the max parallelism ({maxParallelism}).");
        }
    }
}
