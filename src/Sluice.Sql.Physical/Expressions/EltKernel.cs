using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>ELT(index, expr1, expr2, ...)</c>, as Flink's: the <c>index</c>-th expression (1-based); NULL when the index is
/// NULL or outside 1..n (and when the chosen expression is NULL). The expressions arrive cast to the result type;
/// operand 0 is the index as a <c>BIGINT</c>.
/// </summary>
internal sealed class EltKernel(Kernel[] operands, DataType type) : NaryKernel(operands, type)
{
    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var indices = (PrimitiveVector<long>)operands[0];
        var choices = operands.Length - 1;
        var sources = new ColumnVector?[choices];
        Array.Copy(operands, 1, sources, 0, choices);
        var choice = new int[rows];
        var index = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var n = indices.IsNull(i) ? 0 : indices.Values[i];
            choice[i] = n >= 1 && n <= choices ? (int)(n - 1) : -1;
            index[i] = i;
        }

        return VectorAssembly.Assemble(Type, sources, choice, index);
    }
}
