using System.Buffers;
using System.Runtime.CompilerServices;

namespace Sluice.Core.Batches;

/// <summary>
/// The pool of the arrays under column vectors and batches: <see cref="ArrayPool{T}.Shared"/>, plus counting
/// by an active <see cref="BufferLeakTracker"/> (a single static check when none is active). Thread-safe.
/// </summary>
/// <remarks>
/// A rented array may be longer than asked and holds stale data. Return it exactly once, and only arrays
/// rented here; an empty array may be returned any number of times (it is ignored).
/// </remarks>
public static class BufferPool
{
    /// <summary>Rents an array of at least <paramref name="minimumLength"/> elements (the empty array for 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T[] Rent<T>(int minimumLength)
    {
        if (minimumLength <= 0)
        {
            return [];
        }

        var array = ArrayPool<T>.Shared.Rent(minimumLength);
        if (BufferLeakTracker.IsActive)
        {
            BufferLeakTracker.OnRent(array);
        }

        return array;
    }

    /// <summary>Rents an array of at least <paramref name="minimumLength"/> elements, all set to default.</summary>
    public static T[] RentCleared<T>(int minimumLength)
    {
        var array = Rent<T>(minimumLength);
        Array.Clear(array);
        return array;
    }

    /// <summary>Returns an array rented from <see cref="Rent{T}"/>. Empty arrays are ignored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Return<T>(T[] array)
    {
        if (array.Length == 0)
        {
            return;
        }

        if (BufferLeakTracker.IsActive)
        {
            BufferLeakTracker.OnReturn(array);
        }

        ArrayPool<T>.Shared.Return(array, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
    }

    /// <summary>
    /// Replaces <paramref name="array"/> with a rented array of at least <paramref name="minimumLength"/>
    /// elements, keeping the first <paramref name="used"/> elements and returning the old array.
    /// </summary>
    public static void Grow<T>(ref T[] array, int used, int minimumLength)
    {
        var next = Rent<T>(Math.Max(minimumLength, array.Length * 2));
        array.AsSpan(0, used).CopyTo(next);
        Return(array);
        array = next;
    }
}
