using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts <c>DECIMAL(p, s)</c> to integers (the fraction truncated toward zero, then narrowed with wrap-around as
/// Java's <c>BigDecimal.longValue()</c>), to <c>FLOAT</c>/<c>DOUBLE</c> (the nearest value) or to <c>BOOLEAN</c>
/// (non-zero).
/// </summary>
internal sealed class FromDecimalKernel(Kernel operand, DataType type) : UnaryKernel(operand, type)
{
    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        var scale = OperandType.Scale;
        ColumnVector result = Type.PhysicalType switch
        {
            PhysicalType.Boolean => BooleanVector.Allocate(Type, rows),
            PhysicalType.Int8 => PrimitiveVector<sbyte>.Allocate(Type, rows),
            PhysicalType.Int16 => PrimitiveVector<short>.Allocate(Type, rows),
            PhysicalType.Int32 => PrimitiveVector<int>.Allocate(Type, rows),
            PhysicalType.Int64 => PrimitiveVector<long>.Allocate(Type, rows),
            PhysicalType.Float32 => PrimitiveVector<float>.Allocate(Type, rows),
            _ => PrimitiveVector<double>.Allocate(Type, rows),
        };
        for (var i = 0; i < rows; i++)
        {
            if (operand.IsNull(i))
            {
                result.SetNull(i);
                continue;
            }

            var value = DecimalMath.Read(operand, i);
            switch (result)
            {
                case BooleanVector booleans:
                    booleans.Set(i, value != 0);
                    break;
                case PrimitiveVector<double> doubles:
                    doubles.Values[i] = DecimalMath.ToDouble(value, scale);
                    break;
                case PrimitiveVector<float> floats:
                    floats.Values[i] = (float)DecimalMath.ToDouble(value, scale);
                    break;
                default:
                {
                    DecimalMath.TryRescale(value, scale, 0, out var whole, truncate: true);
                    var wrapped = unchecked((long)whole);
                    switch (result)
                    {
                        case PrimitiveVector<sbyte> v:
                            v.Values[i] = unchecked((sbyte)wrapped);
                            break;
                        case PrimitiveVector<short> v:
                            v.Values[i] = unchecked((short)wrapped);
                            break;
                        case PrimitiveVector<int> v:
                            v.Values[i] = unchecked((int)wrapped);
                            break;
                        case PrimitiveVector<long> v:
                            v.Values[i] = wrapped;
                            break;
                    }

                    break;
                }
            }
        }

        return result;
    }
}
