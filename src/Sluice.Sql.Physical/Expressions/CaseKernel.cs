using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CASE WHEN c1 THEN r1 ... ELSE e END</c> (also <c>IF</c> and <c>NULLIF</c>): each row takes the result of its
/// first TRUE condition (NULL conditions count as false), else the else result. Selection-aware: condition k is
/// evaluated only on the rows no earlier condition took, and each result only on the rows that take it, then the parts
/// are scattered back into one vector. So a branch that would fail (<c>CASE WHEN x &lt;&gt; 0 THEN 10 / x END</c>)
/// never sees the rows that do not reach it. Column references and literals are read on the whole frame (no copy);
/// the row lists come from the buffer pool.
/// </summary>
internal sealed class CaseKernel(Kernel[] conditions, Kernel[] results, Kernel otherwise, DataType type)
    : Kernel(type, [.. conditions, .. results, otherwise])
{
    private readonly Kernel[] _conditions = conditions;
    private readonly Kernel[] _results = results;
    private readonly Kernel _else = otherwise;

    public override ColumnVector Evaluate(in Frame frame)
    {
        var rows = frame.Count;
        var size = Math.Max(1, rows);
        var remaining = BufferPool.Rent<int>(size);
        var taken = BufferPool.Rent<int>(size);
        var choice = BufferPool.Rent<int>(size);
        var index = BufferPool.Rent<int>(size);
        var sources = new ColumnVector?[_results.Length + 1];
        try
        {
            for (var i = 0; i < rows; i++)
            {
                remaining[i] = i;
            }

            // Branch k takes the rows taken[starts[k] .. starts[k] + counts[k]); each row lands in at most one branch.
            var starts = new int[_results.Length];
            var counts = new int[_results.Length];
            var open = rows;
            var used = 0;
            for (var k = 0; k < _conditions.Length && open > 0; k++)
            {
                starts[k] = used;
                using var condition = RowSubsets.Evaluate(_conditions[k], frame, remaining.AsSpan(0, open), out var dense);
                var values = (BooleanVector)condition;
                var kept = 0;
                for (var j = 0; j < open; j++)
                {
                    var position = remaining[j];
                    var source = dense ? position : j;
                    if (!values.IsNull(source) && values[source])
                    {
                        taken[used++] = position;
                    }
                    else
                    {
                        remaining[kept++] = position;
                    }
                }

                counts[k] = used - starts[k];
                open = kept;
            }

            choice.AsSpan(0, rows).Fill(-1);
            for (var k = 0; k < _results.Length; k++)
            {
                Take(k, _results[k], frame, taken.AsSpan(starts[k], counts[k]), sources, choice, index);
            }

            Take(_results.Length, _else, frame, remaining.AsSpan(0, open), sources, choice, index);
            return VectorAssembly.Assemble(Type, sources, choice.AsSpan(0, rows), index.AsSpan(0, rows));
        }
        finally
        {
            foreach (var source in sources)
            {
                source?.Dispose();
            }

            BufferPool.Return(remaining);
            BufferPool.Return(taken);
            BufferPool.Return(choice);
            BufferPool.Return(index);
        }
    }

    /// <summary>Evaluates <paramref name="kernel"/> on the rows at <paramref name="positions"/> and records where each row's value is.</summary>
    internal static void Take(int k, Kernel kernel, in Frame frame, ReadOnlySpan<int> positions, ColumnVector?[] sources, int[] choice, int[] index)
    {
        if (positions.IsEmpty)
        {
            return;
        }

        sources[k] = RowSubsets.Evaluate(kernel, frame, positions, out var dense);
        for (var j = 0; j < positions.Length; j++)
        {
            var position = positions[j];
            choice[position] = k;
            index[position] = dense ? position : j;
        }
    }
}
