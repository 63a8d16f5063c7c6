using System.Numerics;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Word-wise helpers over null bitmaps and the bit-packed values of boolean vectors.</summary>
internal static class NullMasks
{
    public static int WordCount(int rows) => (rows + 63) >> 6;

    /// <summary>The union of the vectors' null bitmaps over <paramref name="rows"/> rows, or null when none is null.</summary>
    public static ulong[]? Union(int rows, params ReadOnlySpan<ColumnVector> vectors)
    {
        ulong[]? result = null;
        foreach (var vector in vectors)
        {
            if (!vector.HasNulls)
            {
                continue;
            }

            result ??= new ulong[WordCount(rows)];
            var bitmap = vector.NullBitmap;
            for (var w = 0; w < result.Length; w++)
            {
                result[w] |= bitmap[w];
            }
        }

        return result;
    }

    /// <summary>The null bitmap of <paramref name="vector"/> as <paramref name="rows"/> bits (zeros when it has none).</summary>
    public static ulong[] NullsOf(ColumnVector vector, int rows)
    {
        var result = new ulong[WordCount(rows)];
        if (vector.HasNulls)
        {
            vector.NullBitmap.CopyTo(result);
        }

        return result;
    }

    /// <summary>Marks as null every row whose bit is set in <paramref name="nulls"/>.</summary>
    public static void Apply(ColumnVector target, ReadOnlySpan<ulong> nulls)
    {
        var rows = target.Length;
        for (var w = 0; w < nulls.Length; w++)
        {
            var word = nulls[w];
            while (word != 0)
            {
                var row = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (row < rows)
                {
                    target.SetNull(row);
                }
            }
        }
    }

    /// <summary>True when bit <paramref name="row"/> is set (an empty span has no bits set).</summary>
    public static bool Get(ReadOnlySpan<ulong> words, int row) => words.Length > 0 && (words[row >> 6] & (1UL << row)) != 0;

    /// <summary>A boolean vector with the given value bits and null bits.</summary>
    public static BooleanVector NewBoolean(Sluice.Core.Types.DataType type, int rows, ReadOnlySpan<ulong> values, ReadOnlySpan<ulong> nulls)
    {
        var vector = BooleanVector.Allocate(type, rows);
        for (var w = 0; w < values.Length; w++)
        {
            var word = values[w];
            while (word != 0)
            {
                var row = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (row < rows)
                {
                    vector.Set(row, true);
                }
            }
        }

        Apply(vector, nulls);
        return vector;
    }
}
