using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CASE WHEN c1 THEN r1 ... ELSE e END</c>: every branch is evaluated over the whole batch, then each row takes
/// the result of its first true condition (NULL conditions count as false), else the else result.
/// </summary>
internal sealed class CaseKernel(Kernel[] conditions, Kernel[] results, Kernel otherwise, DataType type) : Kernel(type)
{
    private readonly Kernel[] _conditions = conditions;
    private readonly Kernel[] _results = results;
    private readonly Kernel _else = otherwise;

    public override ColumnVector Evaluate(RecordBatch batch)
    {
        var rows = batch.PhysicalRowCount;
        var choice = new int[rows];
        var undecided = new ulong[NullMasks.WordCount(rows)];
        Array.Fill(undecided, ulong.MaxValue);
        var sources = new ColumnVector[_results.Length + 1];
        try
        {
            for (var k = 0; k < _conditions.Length; k++)
            {
                using var condition = _conditions[k].Evaluate(batch);
                var bits = ((BooleanVector)condition).Bits;
                var nulls = condition.NullBitmap;
                for (var w = 0; w < undecided.Length; w++)
                {
                    var taken = undecided[w] & bits[w] & ~(nulls.IsEmpty ? 0UL : nulls[w]);
                    undecided[w] &= ~taken;
                    while (taken != 0)
                    {
                        var row = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(taken);
                        taken &= taken - 1;
                        if (row < rows)
                        {
                            choice[row] = k;
                        }
                    }
                }
            }

            for (var i = 0; i < rows; i++)
            {
                if (NullMasks.Get(undecided, i))
                {
                    choice[i] = _results.Length;
                }
            }

            for (var k = 0; k < _results.Length; k++)
            {
                sources[k] = _results[k].Evaluate(batch);
            }

            sources[^1] = _else.Evaluate(batch);
            return VectorPick.Pick(Type, sources, choice);
        }
        finally
        {
            foreach (var source in sources)
            {
                source?.Dispose();
            }
        }
    }
}
