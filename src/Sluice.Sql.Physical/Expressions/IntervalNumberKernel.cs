using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts between intervals and exact numbers as Flink: <c>INTERVAL YEAR TO MONTH</c> is a number of months,
/// <c>INTERVAL DAY TO SECOND</c> a number of milliseconds. The number side is a <c>BIGINT</c>.
/// </summary>
internal sealed class IntervalNumberKernel(Kernel operand, bool toInterval, DataType type) : UnaryKernel(operand, type)
{
    private readonly bool _toInterval = toInterval;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        ColumnVector result;
        if (_toInterval)
        {
            ReadOnlySpan<long> source = ((PrimitiveVector<long>)operand).Values;
            if (Type.TypeId == TypeId.IntervalYearMonth)
            {
                var months = PrimitiveVector<int>.Allocate(Type, rows);
                for (var i = 0; i < rows; i++)
                {
                    months.Values[i] = unchecked((int)source[i]);
                }

                result = months;
            }
            else
            {
                var micros = PrimitiveVector<long>.Allocate(Type, rows);
                for (var i = 0; i < rows; i++)
                {
                    micros.Values[i] = unchecked(source[i] * 1000);
                }

                result = micros;
            }
        }
        else
        {
            var numbers = PrimitiveVector<long>.Allocate(Type, rows);
            if (operand is PrimitiveVector<int> months)
            {
                for (var i = 0; i < rows; i++)
                {
                    numbers.Values[i] = months.Values[i];
                }
            }
            else
            {
                ReadOnlySpan<long> source = ((PrimitiveVector<long>)operand).Values;
                for (var i = 0; i < rows; i++)
                {
                    numbers.Values[i] = source[i] / 1000;
                }
            }

            result = numbers;
        }

        NullMasks.Apply(result, operand.NullBitmap);
        return result;
    }
}
