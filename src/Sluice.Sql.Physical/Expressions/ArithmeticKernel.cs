using System.Numerics;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>left op right</c> over two vectors of the result's storage type <typeparamref name="T"/>. Integer arithmetic
/// wraps on overflow (as Java does); integer division or modulo by zero is an error.
/// </summary>
internal sealed class ArithmeticKernel<T> : BinaryKernel
    where T : unmanaged, INumber<T>
{
    private static readonly bool IsInteger = typeof(T) != typeof(double) && typeof(T) != typeof(float);

    private readonly ArithmeticOperator _operator;

    public ArithmeticKernel(Kernel left, Kernel right, ArithmeticOperator op, DataType type)
        : base(left, right, type)
    {
        _operator = op;
    }

    protected override bool SelfMayFail => IsInteger && _operator is ArithmeticOperator.Divide or ArithmeticOperator.Modulo;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        var a = ((PrimitiveVector<T>)leftVector).Values;
        var b = ((PrimitiveVector<T>)rightVector).Values;
        var nulls = NullMasks.Union(rows, leftVector, rightVector);
        var result = PrimitiveVector<T>.Allocate(Type, rows);
        var r = result.Values;
        switch (_operator)
        {
            case ArithmeticOperator.Add:
                for (var i = 0; i < r.Length; i++)
                {
                    r[i] = unchecked(a[i] + b[i]);
                }

                break;
            case ArithmeticOperator.Subtract:
                for (var i = 0; i < r.Length; i++)
                {
                    r[i] = unchecked(a[i] - b[i]);
                }

                break;
            case ArithmeticOperator.Multiply:
                for (var i = 0; i < r.Length; i++)
                {
                    r[i] = unchecked(a[i] * b[i]);
                }

                break;
            default:
                Divide(a, b, r, nulls, _operator == ArithmeticOperator.Modulo);
                break;
        }

        if (nulls is not null)
        {
            NullMasks.Apply(result, nulls);
        }

        return result;
    }

    private static void Divide(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> r, ulong[]? nulls, bool modulo)
    {
        if (!IsInteger)
        {
            for (var i = 0; i < r.Length; i++)
            {
                r[i] = modulo ? a[i] % b[i] : a[i] / b[i];
            }

            return;
        }

        var minusOne = -T.One;
        for (var i = 0; i < r.Length; i++)
        {
            var divisor = b[i];
            if (divisor == T.Zero)
            {
                if (NullMasks.Get(nulls, i))
                {
                    continue;
                }

                throw new SluiceException(modulo ? "Modulo by zero." : "Division by zero.", ErrorDomain.User);
            }

            r[i] = divisor == minusOne ? (modulo ? T.Zero : unchecked(T.Zero - a[i])) : modulo ? a[i] % divisor : a[i] / divisor;
        }
    }
}
