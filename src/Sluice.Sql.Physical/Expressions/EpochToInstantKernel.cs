using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>TO_TIMESTAMP_LTZ(number, precision)</c>: epoch seconds (precision 0) or milliseconds (precision 3) as a
/// <c>TIMESTAMP_LTZ(3)</c>, fractions truncated to milliseconds as Flink does; NULL outside 0000-01-01 .. 9999-12-31.
/// Another precision is an error. The number is a <c>BIGINT</c>, <c>DOUBLE</c> or <c>DECIMAL</c>.
/// </summary>
internal sealed class EpochToInstantKernel(Kernel number, Kernel precision, DataType type) : BinaryKernel(number, precision, type)
{
    private const long MinMillis = -62167219200000L;
    private const long MaxMillis = 253402300799999L;

    private readonly int _scale = number.Type.TypeId == TypeId.Decimal ? number.Type.Scale : 0;
    private readonly bool _isDecimal = number.Type.TypeId == TypeId.Decimal;

    protected override bool SelfMayFail => true;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        ReadOnlySpan<int> precisions = ((PrimitiveVector<int>)rightVector).Values;
        var nulls = NullMasks.Union(rows, leftVector, rightVector);
        var result = PrimitiveVector<long>.Allocate(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                result.SetNull(i);
                continue;
            }

            var precision = precisions[i];
            if (precision is not (0 or 3))
            {
                throw new SluiceException(
                    $"The precision value '{precision}' for function TO_TIMESTAMP_LTZ(numeric, precision) is unsupported, the supported value is '0' for second or '3' for millisecond.",
                    ErrorDomain.User);
            }

            long millis;
            switch (leftVector)
            {
                case PrimitiveVector<double> doubles:
                {
                    var value = doubles.Values[i];
                    var scaled = precision == 0 ? value * 1000 : value;
                    if (double.IsNaN(scaled) || scaled < MinMillis || scaled > MaxMillis)
                    {
                        result.SetNull(i);
                        continue;
                    }

                    millis = (long)scaled;
                    break;
                }

                case PrimitiveVector<long> longs when !_isDecimal:
                {
                    var value = longs.Values[i];
                    if (precision == 0 && (value < MinMillis / 1000 || value > MaxMillis / 1000))
                    {
                        result.SetNull(i);
                        continue;
                    }

                    millis = precision == 0 ? value * 1000 : value;
                    break;
                }

                default:
                {
                    var value = DecimalMath.Read(leftVector, i);
                    DecimalMath.TryRescale(value, _scale, 0, out var whole, truncate: true);
                    var wide = precision == 0 ? whole * 1000 : whole;
                    if (wide < MinMillis || wide > MaxMillis)
                    {
                        result.SetNull(i);
                        continue;
                    }

                    millis = (long)wide;
                    break;
                }
            }

            if (millis < MinMillis || millis > MaxMillis)
            {
                result.SetNull(i);
                continue;
            }

            result.Values[i] = millis * 1000;
        }

        return result;
    }
}
