using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>interval * number</c> and <c>interval / number</c>: the months or microseconds scaled by a <c>DOUBLE</c> factor,
/// truncated toward zero. Dividing by zero is an error.
/// </summary>
internal sealed class IntervalScaleKernel(Kernel interval, Kernel factor, bool divide, DataType type) : BinaryKernel(interval, factor, type)
{
    private readonly bool _divide = divide;

    protected override bool SelfMayFail => _divide;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        ReadOnlySpan<double> factors = ((PrimitiveVector<double>)rightVector).Values;
        var nulls = NullMasks.Union(rows, leftVector, rightVector);
        ColumnVector result;
        if (leftVector is PrimitiveVector<int> months)
        {
            var target = PrimitiveVector<int>.Allocate(Type, rows);
            for (var i = 0; i < rows; i++)
            {
                if (!NullMasks.Get(nulls, i))
                {
                    target.Values[i] = int.CreateSaturating(Scale(months.Values[i], factors[i]));
                }
            }

            result = target;
        }
        else
        {
            var micros = (PrimitiveVector<long>)leftVector;
            var target = PrimitiveVector<long>.Allocate(Type, rows);
            for (var i = 0; i < rows; i++)
            {
                if (!NullMasks.Get(nulls, i))
                {
                    target.Values[i] = long.CreateSaturating(Scale(micros.Values[i], factors[i]));
                }
            }

            result = target;
        }

        if (nulls is not null)
        {
            NullMasks.Apply(result, nulls);
        }

        return result;
    }

    private double Scale(double value, double factor)
    {
        if (!_divide)
        {
            return Math.Truncate(value * factor);
        }

        if (factor == 0)
        {
            throw new SluiceException("Division by zero.", ErrorDomain.User);
        }

        return Math.Truncate(value / factor);
    }
}
