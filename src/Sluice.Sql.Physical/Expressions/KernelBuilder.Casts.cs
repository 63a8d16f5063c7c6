using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Casts: explicit <c>CAST</c>/<c>TRY_CAST</c> and the conversions inserted for operands.</summary>
internal sealed partial class KernelBuilder
{
    /// <summary>A kernel producing <paramref name="target"/> values from <paramref name="kernel"/>'s, with Flink's cast semantics.</summary>
    private Kernel Cast(Kernel kernel, DataType target, bool isTry = false)
    {
        var source = kernel.Type;
        if (source.TypeId == TypeId.Null)
        {
            return new LiteralKernel(null, target.Nullable());
        }

        if (source.EqualsIgnoringNullability(target) || target.TypeId == TypeId.Null)
        {
            return kernel;
        }

        var kernelOrNull = CastCore(kernel, source, target, isTry);
        if (ReferenceEquals(kernelOrNull, kernel))
        {
            return new TypeOverrideKernel(kernel, target);
        }

        return kernelOrNull ?? throw new SluiceException(
            $"Function CAST({source.Nullable()} AS {target.Nullable()}) is not supported in execution yet.", ErrorDomain.User);
    }

    private Kernel? CastCore(Kernel kernel, DataType source, DataType target, bool isTry)
    {
        if (source.TypeId == TypeId.Variant)
        {
            // Extract STRING, BYTES or microsecond timestamps, then the regular cast to the declared length/precision.
            var extracted = target.TypeId switch
            {
                TypeId.Char or TypeId.VarChar => DataTypes.String(),
                TypeId.Binary or TypeId.VarBinary => DataTypes.Bytes(),
                TypeId.Timestamp => DataTypes.Timestamp(6),
                TypeId.TimestampLtz => DataTypes.TimestampLtz(6),
                _ => target.Nullable(),
            };
            if (!TypeRules.CanCastExplicitly(source, target))
            {
                return null;
            }

            var variantCast = new VariantCastKernel(kernel, isTry, extracted);
            return extracted.EqualsIgnoringNullability(target) ? variantCast : Cast(variantCast, target, isTry);
        }

        if (IsCharacter(target))
        {
            if (IsCharacter(source))
            {
                var fits = target.Length == DataTypes.MaxLength
                    || (target.TypeId == TypeId.VarChar && source.Length <= target.Length)
                    || (target.TypeId == TypeId.Char && source.TypeId == TypeId.Char && source.Length == target.Length);
                return fits ? kernel : new BytesCastKernel(kernel, target);
            }

            return TypeRules.IsBinary(source) ? new BytesCastKernel(kernel, target) : new ToStringKernel(kernel, target);
        }

        if (TypeRules.IsBinary(target))
        {
            if (TypeRules.IsBinary(source) && (target.Length == DataTypes.MaxLength
                    || (target.TypeId == TypeId.VarBinary && source.Length <= target.Length)))
            {
                return kernel;
            }

            return IsCharacter(source) || TypeRules.IsBinary(source) ? new BytesCastKernel(kernel, target) : null;
        }

        if (target.TypeId == TypeId.Boolean)
        {
            if (IsCharacter(source))
            {
                return new StringToBooleanKernel(kernel, isTry, target);
            }

            if (IsDecimal(source))
            {
                return new FromDecimalKernel(kernel, target);
            }

            return source.PhysicalType switch
            {
                PhysicalType.Int8 => new NumberToBooleanKernel<sbyte>(kernel, target),
                PhysicalType.Int16 => new NumberToBooleanKernel<short>(kernel, target),
                PhysicalType.Int32 when IsInteger(source) => new NumberToBooleanKernel<int>(kernel, target),
                PhysicalType.Int64 when IsInteger(source) => new NumberToBooleanKernel<long>(kernel, target),
                PhysicalType.Float32 => new NumberToBooleanKernel<float>(kernel, target),
                PhysicalType.Float64 => new NumberToBooleanKernel<double>(kernel, target),
                _ => null,
            };
        }

        if (IsDecimal(target))
        {
            if (IsDecimal(source) && source.Scale == target.Scale && source.Precision <= target.Precision
                && source.PhysicalType == target.PhysicalType)
            {
                return kernel;
            }

            if (IsNumeric(source) || IsCharacter(source))
            {
                return new ToDecimalKernel(kernel, isTry, target);
            }

            if (source.TypeId == TypeId.Boolean)
            {
                return target.PhysicalType == PhysicalType.Decimal64
                    ? new BooleanToNumberKernel<long>(kernel, (long)DecimalMath.Pow10(target.Scale), target)
                    : new BooleanToNumberKernel<Int128>(kernel, DecimalMath.Pow10(target.Scale), target);
            }

            return TypeRules.IsInterval(source) ? Cast(Cast(kernel, DataTypes.BigInt()), target) : null;
        }

        if (IsNumeric(target))
        {
            if (IsDecimal(source))
            {
                return new FromDecimalKernel(kernel, target);
            }

            if (IsNumeric(source))
            {
                return source.PhysicalType switch
                {
                    PhysicalType.Int8 => NumericCast<sbyte>(kernel, target),
                    PhysicalType.Int16 => NumericCast<short>(kernel, target),
                    PhysicalType.Int32 => NumericCast<int>(kernel, target),
                    PhysicalType.Int64 => NumericCast<long>(kernel, target),
                    PhysicalType.Float32 => NumericCast<float>(kernel, target),
                    _ => NumericCast<double>(kernel, target),
                };
            }

            if (IsCharacter(source))
            {
                return target.PhysicalType switch
                {
                    PhysicalType.Int8 => new StringToNumberKernel<sbyte>(kernel, isTry, target),
                    PhysicalType.Int16 => new StringToNumberKernel<short>(kernel, isTry, target),
                    PhysicalType.Int32 => new StringToNumberKernel<int>(kernel, isTry, target),
                    PhysicalType.Int64 => new StringToNumberKernel<long>(kernel, isTry, target),
                    PhysicalType.Float32 => new StringToNumberKernel<float>(kernel, isTry, target),
                    _ => new StringToNumberKernel<double>(kernel, isTry, target),
                };
            }

            if (source.TypeId == TypeId.Boolean)
            {
                return target.PhysicalType switch
                {
                    PhysicalType.Int8 => new BooleanToNumberKernel<sbyte>(kernel, 1, target),
                    PhysicalType.Int16 => new BooleanToNumberKernel<short>(kernel, 1, target),
                    PhysicalType.Int32 => new BooleanToNumberKernel<int>(kernel, 1, target),
                    PhysicalType.Int64 => new BooleanToNumberKernel<long>(kernel, 1, target),
                    PhysicalType.Float32 => new BooleanToNumberKernel<float>(kernel, 1, target),
                    _ => new BooleanToNumberKernel<double>(kernel, 1, target),
                };
            }

            if (TypeRules.IsInterval(source))
            {
                var number = new IntervalNumberKernel(kernel, toInterval: false, DataTypes.BigInt().WithNullability(source.IsNullable));
                return Cast(number, target);
            }

            return null;
        }

        if (TypeRules.IsDatetime(target))
        {
            if (IsCharacter(source))
            {
                return new StringToTemporalKernel(kernel, isTry, target);
            }

            // A higher precision of the same unit keeps the values; crossing precision 6 changes the unit (see TimestampUnit).
            return TemporalCastOf(source, target) is { } mode ? (mode == TemporalCast.Precision && target.Precision >= source.Precision
                    && TimestampUnit.SameUnit(source, target)
                ? kernel
                : new TemporalCastKernel(kernel, mode, target, isTry)) : null;
        }

        if (TypeRules.IsInterval(target))
        {
            if (source.TypeId == target.TypeId)
            {
                return kernel;
            }

            return TypeRules.IsExactNumeric(source)
                ? new IntervalNumberKernel(Cast(kernel, DataTypes.BigInt().WithNullability(source.IsNullable)), toInterval: true, target)
                : null;
        }

        if (target.IsNested && source.TypeId == target.TypeId)
        {
            return NestedCast(kernel, source, target, isTry);
        }

        return null;
    }

    private static TemporalCast? TemporalCastOf(DataType source, DataType target) => (source.TypeId, target.TypeId) switch
    {
        (TypeId.Date, TypeId.Timestamp) => TemporalCast.DateToTimestamp,
        (TypeId.Date, TypeId.TimestampLtz) => TemporalCast.DateToInstant,
        (TypeId.Timestamp, TypeId.Date) => TemporalCast.TimestampToDate,
        (TypeId.Timestamp, TypeId.Time) => TemporalCast.TimestampToTime,
        (TypeId.Timestamp, TypeId.TimestampLtz) => TemporalCast.TimestampToInstant,
        (TypeId.TimestampLtz, TypeId.Timestamp) => TemporalCast.InstantToTimestamp,
        (TypeId.TimestampLtz, TypeId.Date) => TemporalCast.InstantToDate,
        (TypeId.TimestampLtz, TypeId.Time) => TemporalCast.InstantToTime,
        (TypeId.Time, TypeId.Timestamp) => TemporalCast.TimeToTimestamp,
        (TypeId.Time, TypeId.Time) or (TypeId.Timestamp, TypeId.Timestamp) or (TypeId.TimestampLtz, TypeId.TimestampLtz) => TemporalCast.Precision,
        _ => null,
    };

    private Kernel? NestedCast(Kernel kernel, DataType source, DataType target, bool isTry)
    {
        DataType[] sourceChildren;
        DataType[] targetChildren;
        switch (source.TypeId)
        {
            case TypeId.Array or TypeId.Multiset:
                sourceChildren = [source.ElementType!];
                targetChildren = [target.ElementType!];
                break;
            case TypeId.Map:
                sourceChildren = [source.KeyType!, source.ValueType!];
                targetChildren = [target.KeyType!, target.ValueType!];
                break;
            default:
                if (source.Fields.Count != target.Fields.Count)
                {
                    return null;
                }

                sourceChildren = source.Fields.Select(f => f.DataType).ToArray();
                targetChildren = target.Fields.Select(f => f.DataType).ToArray();
                break;
        }

        var casts = new Kernel[sourceChildren.Length];
        for (var i = 0; i < casts.Length; i++)
        {
            casts[i] = Cast(new InputRefKernel(0, sourceChildren[i]), targetChildren[i], isTry);
        }

        return new NestedCastKernel(kernel, casts, target);
    }

    private static Kernel NumericCast<TFrom>(Kernel kernel, DataType target)
        where TFrom : unmanaged, System.Numerics.INumber<TFrom> =>
        target.PhysicalType switch
        {
            PhysicalType.Int8 => new NumericCastKernel<TFrom, sbyte>(kernel, target),
            PhysicalType.Int16 => new NumericCastKernel<TFrom, short>(kernel, target),
            PhysicalType.Int32 => new NumericCastKernel<TFrom, int>(kernel, target),
            PhysicalType.Int64 => new NumericCastKernel<TFrom, long>(kernel, target),
            PhysicalType.Float32 => new NumericCastKernel<TFrom, float>(kernel, target),
            _ => new NumericCastKernel<TFrom, double>(kernel, target),
        };
}
