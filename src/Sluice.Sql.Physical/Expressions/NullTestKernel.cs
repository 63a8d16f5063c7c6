using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary><c>a IS NULL</c> / <c>a IS NOT NULL</c>: the operand's null bitmap as a never-null boolean.</summary>
internal sealed class NullTestKernel(Kernel operand, bool isNotNull, DataType type) : UnaryKernel(operand, type)
{
    private readonly bool _isNotNull = isNotNull;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        var values = NullMasks.NullsOf(operand, rows);
        if (_isNotNull)
        {
            for (var w = 0; w < values.Length; w++)
            {
                values[w] = ~values[w];
            }
        }

        return NullMasks.NewBoolean(Type, rows, values, default);
    }
}
