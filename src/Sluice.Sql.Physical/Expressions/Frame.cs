using Sluice.Core.Batches;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// The rows a kernel computes: all physical rows of <see cref="Batch"/> (<see cref="Rows"/> null), or the physical
/// rows listed in the first <see cref="Count"/> entries of <see cref="Rows"/>. A kernel returns one value per frame
/// row, in frame order; rows outside the frame are never evaluated, so a failing expression (a division by zero, a bad
/// cast) fails only for rows that reach it. The creator of a frame owns <see cref="Rows"/>.
/// </summary>
internal readonly struct Frame
{
    public Frame(RecordBatch batch, int[]? rows, int count, EvaluationContext context)
    {
        Batch = batch;
        Rows = rows;
        Count = count;
        Context = context;
    }

    public RecordBatch Batch { get; }

    /// <summary>The physical rows of the frame, or null for every physical row.</summary>
    public int[]? Rows { get; }

    /// <summary>The number of rows in the frame.</summary>
    public int Count { get; }

    public EvaluationContext Context { get; }

    /// <summary>True when the frame is every physical row of the batch, in order.</summary>
    public bool IsWholeBatch => Rows is null;

    /// <summary>
    /// The sub-frame of the frame rows at <paramref name="positions"/> (ascending positions in this frame), written to
    /// <paramref name="buffer"/> (at least as long as the positions), which the caller owns.
    /// </summary>
    public Frame Subset(ReadOnlySpan<int> positions, int[] buffer)
    {
        var rows = Rows;
        if (rows is null)
        {
            positions.CopyTo(buffer);
        }
        else
        {
            for (var i = 0; i < positions.Length; i++)
            {
                buffer[i] = rows[positions[i]];
            }
        }

        return new Frame(Batch, buffer, positions.Length, Context);
    }
}
