using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Sluice.Core.Batches;

namespace Sluice.DataStream.Operators;

/// <summary>How DataStream operators accept their input batches.</summary>
internal static class Inputs
{
    /// <summary>
    /// The batch as elements of <typeparamref name="T"/>; false (and the batch disposed) for a side-output batch meant
    /// for another consumer. Any other batch type is a wiring error.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryAccept<T>(IBatch batch, [NotNullWhen(true)] out ElementBatch<T>? elements)
    {
        if (batch is ElementBatch<T> e)
        {
            elements = e;
            return true;
        }

        elements = null;
        Reject(batch, typeof(T));
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Reject(IBatch batch, Type expected)
    {
        batch.Dispose();
        if (batch is not SideOutputBatch)
        {
            throw new InvalidOperationException($"A DataStream operator expected ElementBatch<{expected.Name}> but received {batch.GetType().Name}.");
        }
    }
}
