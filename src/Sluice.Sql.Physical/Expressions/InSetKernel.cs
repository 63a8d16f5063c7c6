using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>x IN (v1, v2, ...)</c> for a list of constants of a fixed-width type, with a hash set: TRUE when x equals a
/// value; otherwise NULL when x is NULL or the list holds a NULL, else FALSE (SQL's three-valued IN).
/// </summary>
internal sealed class InSetKernel<T>(Kernel operand, HashSet<T> values, bool listHasNull, DataType type) : UnaryKernel(operand, type)
    where T : unmanaged
{
    private readonly HashSet<T> _values = values;
    private readonly bool _listHasNull = listHasNull;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        ReadOnlySpan<T> source = ((PrimitiveVector<T>)operand).Values;
        var words = NullMasks.WordCount(rows);
        var bits = new ulong[words];
        var nulls = NullMasks.NullsOf(operand, rows);
        for (var i = 0; i < rows; i++)
        {
            if (_values.Contains(source[i]))
            {
                bits[i >> 6] |= 1UL << i;
            }
            else if (_listHasNull)
            {
                nulls[i >> 6] |= 1UL << i;
            }
        }

        return NullMasks.NewBoolean(Type, rows, bits, nulls);
    }
}
