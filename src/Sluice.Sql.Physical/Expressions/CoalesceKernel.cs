using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>COALESCE(a, b, ...)</c> and <c>IFNULL(a, b)</c>: each row takes its first non-null operand, else NULL.
/// Selection-aware like <see cref="CaseKernel"/>: operand k is evaluated only on the rows where every earlier operand
/// was NULL.
/// </summary>
internal sealed class CoalesceKernel(Kernel[] operands, DataType type) : Kernel(type, operands)
{
    private readonly Kernel[] _operands = operands;

    public override ColumnVector Evaluate(in Frame frame)
    {
        var rows = frame.Count;
        var size = Math.Max(1, rows);
        var remaining = BufferPool.Rent<int>(size);
        var choice = BufferPool.Rent<int>(size);
        var index = BufferPool.Rent<int>(size);
        var sources = new ColumnVector?[_operands.Length];
        try
        {
            for (var i = 0; i < rows; i++)
            {
                remaining[i] = i;
                choice[i] = -1;
            }

            var open = rows;
            for (var k = 0; k < _operands.Length && open > 0; k++)
            {
                var vector = RowSubsets.Evaluate(_operands[k], frame, remaining.AsSpan(0, open), out var dense);
                sources[k] = vector;
                var kept = 0;
                for (var j = 0; j < open; j++)
                {
                    var position = remaining[j];
                    var source = dense ? position : j;
                    if (vector.IsNull(source))
                    {
                        remaining[kept++] = position;
                    }
                    else
                    {
                        choice[position] = k;
                        index[position] = source;
                    }
                }

                open = kept;
            }

            return VectorAssembly.Assemble(Type, sources, choice.AsSpan(0, rows), index.AsSpan(0, rows));
        }
        finally
        {
            foreach (var source in sources)
            {
                source?.Dispose();
            }

            BufferPool.Return(remaining);
            BufferPool.Return(choice);
            BufferPool.Return(index);
        }
    }
}
