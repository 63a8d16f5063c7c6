using Sluice.Core.Batches;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Evaluates a kernel on some rows of a frame (selection-aware evaluation for conditional kernels).</summary>
internal static class RowSubsets
{
    /// <summary>
    /// The kernel's values for the frame rows at <paramref name="positions"/> (ascending). When
    /// <paramref name="dense"/> is true the vector covers the whole frame (index it by frame position): the positions
    /// are all rows, or the kernel costs nothing on the whole frame and cannot fail; otherwise it has one value per
    /// position (index it by the position's index).
    /// </summary>
    public static ColumnVector Evaluate(Kernel kernel, in Frame frame, ReadOnlySpan<int> positions, out bool dense)
    {
        if (positions.Length == frame.Count || (kernel.IsFree && frame.IsWholeBatch))
        {
            dense = true;
            return kernel.Evaluate(frame);
        }

        dense = false;
        var buffer = BufferPool.Rent<int>(Math.Max(1, positions.Length));
        try
        {
            return kernel.Evaluate(frame.Subset(positions, buffer));
        }
        finally
        {
            BufferPool.Return(buffer);
        }
    }

    /// <summary>The positions 0..count-1.</summary>
    public static int[] Identity(int count)
    {
        var positions = new int[count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
        }

        return positions;
    }
}
