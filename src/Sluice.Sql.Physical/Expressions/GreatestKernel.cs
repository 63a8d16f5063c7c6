using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>GREATEST(a, b, ...)</c> / <c>LEAST(a, b, ...)</c> over operands of one orderable type: the largest (smallest)
/// value, or NULL when any operand is NULL (Flink's rule).
/// </summary>
internal sealed class GreatestKernel(Kernel[] operands, bool greatest, DataType type) : NaryKernel(operands, type)
{
    private readonly bool _greatest = greatest;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var nulls = NullMasks.Union(rows, operands);
        var choice = new int[rows];
        var index = RowSubsets.Identity(rows);
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                choice[i] = -1;
                continue;
            }

            var best = 0;
            for (var k = 1; k < operands.Length; k++)
            {
                var order = VectorValues.Compare(operands[k], i, operands[best], i);
                if (_greatest ? order > 0 : order < 0)
                {
                    best = k;
                }
            }

            choice[i] = best;
        }

        return VectorAssembly.Assemble(Type, operands, choice, index);
    }
}
