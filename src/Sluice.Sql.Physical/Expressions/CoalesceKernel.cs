using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary><c>COALESCE(a, b, ...)</c>: each row takes its first non-null operand, else NULL.</summary>
internal sealed class CoalesceKernel(Kernel[] operands, DataType type) : Kernel(type)
{
    private readonly Kernel[] _operands = operands;

    public override ColumnVector Evaluate(RecordBatch batch)
    {
        var rows = batch.PhysicalRowCount;
        var sources = new ColumnVector[_operands.Length];
        try
        {
            for (var k = 0; k < sources.Length; k++)
            {
                sources[k] = _operands[k].Evaluate(batch);
            }

            var choice = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                var k = 0;
                while (k < sources.Length && sources[k].IsNull(i))
                {
                    k++;
                }

                choice[i] = k < sources.Length ? k : -1;
            }

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
