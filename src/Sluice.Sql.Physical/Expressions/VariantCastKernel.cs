using System.Globalization;
using System.Text;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Variants;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CAST(variant AS t)</c> and <c>TRY_CAST</c>, as Flink's <c>VariantToPrimitiveCastRule</c>: numeric targets take
/// any numeric variant (integers, decimals, floats, doubles) by the regular numeric casts (integers narrow by
/// wrapping, fractions truncate toward zero, doubles saturate, decimals round half up and are NULL when they
/// overflow); <c>BOOLEAN</c>, <c>DATE</c>, <c>TIMESTAMP</c>, <c>TIMESTAMP_LTZ</c> and <c>BYTES</c> need a value of that
/// kind; <c>STRING</c> takes any scalar (a string as its text, unquoted; numbers, booleans, dates and timestamps as
/// their text) but not an object or array (use <c>JSON_STRING</c>). A JSON null is SQL NULL. A value of another kind
/// fails the job, or is NULL for <c>TRY_CAST</c>. Produces <c>STRING</c>, <c>BYTES</c> and microsecond timestamps;
/// the caller casts further to the declared length or precision.
/// </summary>
internal sealed class VariantCastKernel(Kernel operand, bool isTry, DataType type) : UnaryKernel(operand, type)
{
    private readonly bool _isTry = isTry;

    /// <inheritdoc />
    protected override bool SelfMayFail => !_isTry;

    /// <inheritdoc />
    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var variants = (BytesVector)operand;
        var rows = frame.Count;
        switch (Type.PhysicalType)
        {
            case PhysicalType.Utf8 or PhysicalType.Binary:
            {
                using var builder = new BytesVectorBuilder(Type, rows);
                for (var i = 0; i < rows; i++)
                {
                    if (!TryRead(variants, i, out var value))
                    {
                        builder.AppendNull();
                        continue;
                    }

                    if (Type.PhysicalType == PhysicalType.Binary)
                    {
                        if (Check(value, value.Kind == VariantKind.Binary, "bytes"))
                        {
                            builder.Append(value.GetBinary());
                        }
                        else
                        {
                            builder.AppendNull();
                        }
                    }
                    else if (value.Kind == VariantKind.String)
                    {
                        builder.Append(value.GetUtf8());
                    }
                    else if (Check(value, value.Kind is not (VariantKind.Object or VariantKind.Array), "a scalar (JSON_STRING gives the JSON text of an object or array)"))
                    {
                        builder.Append(ScalarText(value));
                    }
                    else
                    {
                        builder.AppendNull();
                    }
                }

                return builder.Build();
            }

            case PhysicalType.Boolean:
            {
                var vector = BooleanVector.Allocate(Type, rows);
                for (var i = 0; i < rows; i++)
                {
                    if (TryRead(variants, i, out var value) && Check(value, value.Kind == VariantKind.Boolean, "a boolean"))
                    {
                        vector.Set(i, value.GetBoolean());
                    }
                    else
                    {
                        vector.SetNull(i);
                    }
                }

                return vector;
            }

            case PhysicalType.Int8:
                return Integers<sbyte>(variants, rows, v => (sbyte)v);
            case PhysicalType.Int16:
                return Integers<short>(variants, rows, v => (short)v);
            case PhysicalType.Int32 when Type.TypeId == TypeId.Date:
            {
                var vector = PrimitiveVector<int>.Allocate(Type, rows);
                for (var i = 0; i < rows; i++)
                {
                    if (TryRead(variants, i, out var value) && Check(value, value.Kind == VariantKind.Date, "a date"))
                    {
                        vector.Values[i] = value.GetDate();
                    }
                    else
                    {
                        vector.SetNull(i);
                    }
                }

                return vector;
            }

            case PhysicalType.Int32:
                return Integers<int>(variants, rows, v => (int)v);
            case PhysicalType.Int64 when Type.TypeId is TypeId.Timestamp or TypeId.TimestampLtz:
            {
                var expected = Type.TypeId == TypeId.Timestamp ? VariantKind.Timestamp : VariantKind.TimestampLtz;
                var vector = PrimitiveVector<long>.Allocate(Type, rows);
                for (var i = 0; i < rows; i++)
                {
                    if (TryRead(variants, i, out var value)
                        && Check(value, value.Kind == expected, expected == VariantKind.Timestamp ? "a timestamp" : "an instant (TIMESTAMP_LTZ)"))
                    {
                        vector.Values[i] = value.GetTimestampMicros();
                    }
                    else
                    {
                        vector.SetNull(i);
                    }
                }

                return vector;
            }

            case PhysicalType.Int64:
                return Integers<long>(variants, rows, v => v);
            case PhysicalType.Float32:
                return Approximate<float>(variants, rows, v => (float)v);
            case PhysicalType.Float64:
                return Approximate<double>(variants, rows, v => v);
            case PhysicalType.Decimal64:
            {
                var vector = PrimitiveVector<long>.Allocate(Type, rows);
                for (var i = 0; i < rows; i++)
                {
                    if (TryDecimal(variants, i, out var unscaled))
                    {
                        vector.Values[i] = (long)unscaled;
                    }
                    else
                    {
                        vector.SetNull(i);
                    }
                }

                return vector;
            }

            default:
            {
                var vector = PrimitiveVector<Int128>.Allocate(Type, rows);
                for (var i = 0; i < rows; i++)
                {
                    if (TryDecimal(variants, i, out var unscaled))
                    {
                        vector.Values[i] = unscaled;
                    }
                    else
                    {
                        vector.SetNull(i);
                    }
                }

                return vector;
            }
        }
    }

    private static bool TryRead(BytesVector variants, int row, out VariantValue value)
    {
        if (variants.IsNull(row))
        {
            value = default;
            return false;
        }

        value = new VariantValue(variants.GetBytes(row));
        return !value.IsNull;
    }

    private static byte[] ScalarText(VariantValue value)
    {
        var text = value.Kind switch
        {
            VariantKind.Boolean => value.GetBoolean() ? "true" : "false",
            VariantKind.Integer => value.GetInt64().ToString(CultureInfo.InvariantCulture),
            VariantKind.Decimal => VariantJson.PlainDecimal(value.GetDecimal().Unscaled, value.GetDecimal().Scale),
            _ => VariantJson.ToJson(value).Trim('"'),
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private ColumnVector Integers<T>(BytesVector variants, int rows, Func<long, T> narrow)
        where T : unmanaged
    {
        var vector = PrimitiveVector<T>.Allocate(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (TryRead(variants, i, out var value) && Check(value, IsNumber(value), "a number"))
            {
                vector.Values[i] = narrow(unchecked(value.Kind switch
                {
                    VariantKind.Integer => value.GetInt64(),
                    VariantKind.Double => (long)value.GetDouble(),
                    VariantKind.Float => (long)value.GetFloat(),
                    _ => (long)DecimalToInteger(value.GetDecimal()),
                }));
            }
            else
            {
                vector.SetNull(i);
            }
        }

        return vector;
    }

    private ColumnVector Approximate<T>(BytesVector variants, int rows, Func<double, T> narrow)
        where T : unmanaged
    {
        var vector = PrimitiveVector<T>.Allocate(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (TryRead(variants, i, out var value) && Check(value, IsNumber(value), "a number"))
            {
                vector.Values[i] = narrow(ToDouble(value));
            }
            else
            {
                vector.SetNull(i);
            }
        }

        return vector;
    }

    private bool TryDecimal(BytesVector variants, int row, out Int128 unscaled)
    {
        unscaled = 0;
        if (!TryRead(variants, row, out var value) || !Check(value, IsNumber(value), "a number"))
        {
            return false;
        }

        var scale = Type.Scale;
        switch (value.Kind)
        {
            case VariantKind.Integer:
                unscaled = Rescale(value.GetInt64(), 0, scale);
                break;
            case VariantKind.Decimal:
                var (source, sourceScale) = value.GetDecimal();
                unscaled = Rescale(source, sourceScale, scale);
                break;
            default:
                var number = ToDouble(value);
                if (!double.IsFinite(number))
                {
                    return false;
                }

                var scaled = Math.Round(number * Math.Pow(10, scale), MidpointRounding.AwayFromZero);
                if (Math.Abs(scaled) >= 1e38)
                {
                    return false;
                }

                unscaled = (Int128)scaled;
                break;
        }

        // Out of the target's precision: NULL, as Flink's decimal casts.
        return Int128.Abs(unscaled) < DecimalMath.Pow10(Type.Precision);
    }

    private static Int128 Rescale(Int128 value, int from, int to)
    {
        if (to >= from)
        {
            var factor = DecimalMath.Pow10(to - from);
            return Int128.Abs(value) > Int128.MaxValue / factor ? Int128.MaxValue : value * factor;
        }

        var divisor = DecimalMath.Pow10(from - to);
        var quotient = Int128.DivRem(value, divisor);
        var remainder = Int128.Abs(quotient.Remainder) * 2;
        return remainder >= divisor ? quotient.Quotient + Int128.Sign(value) : quotient.Quotient;
    }

    private static Int128 DecimalToInteger((Int128 Unscaled, int Scale) value) =>
        value.Scale == 0 ? value.Unscaled : value.Unscaled / DecimalMath.Pow10(value.Scale);

    private static double ToDouble(VariantValue value) => value.Kind switch
    {
        VariantKind.Integer => value.GetInt64(),
        VariantKind.Double => value.GetDouble(),
        VariantKind.Float => value.GetFloat(),
        _ => (double)value.GetDecimal().Unscaled / Math.Pow(10, value.GetDecimal().Scale),
    };

    private static bool IsNumber(VariantValue value) =>
        value.Kind is VariantKind.Integer or VariantKind.Decimal or VariantKind.Double or VariantKind.Float;

    /// <summary>True when the value is of the wanted kind; otherwise NULL for TRY_CAST, an error for CAST.</summary>
    private bool Check(VariantValue value, bool ok, string wanted)
    {
        if (ok || _isTry)
        {
            return ok;
        }

        var json = VariantJson.ToJson(value);
        if (json.Length > 100)
        {
            json = string.Concat(json.AsSpan(0, 100), "...");
        }

        throw new SluiceException(
            $"Cannot cast VARIANT {json} to {Type.Nullable()}: it holds {value.KindName}, not {wanted} (TRY_CAST returns NULL instead).",
            ErrorDomain.User);
    }
}
