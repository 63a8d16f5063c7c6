using System.Globalization;
using System.Numerics;
using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts strings to numbers, parsing the UTF-8 bytes (surrounding whitespace ignored) with the invariant culture.
/// A string that is not a number is an error, or NULL for <c>TRY_CAST</c>.
/// </summary>
internal sealed class StringToNumberKernel<T>(Kernel operand, bool isTry, DataType type) : Kernel(type)
    where T : unmanaged, INumber<T>
{
    private static readonly NumberStyles Styles =
        typeof(T) == typeof(double) || typeof(T) == typeof(float) ? NumberStyles.Float : NumberStyles.Integer;

    private readonly Kernel _operand = operand;
    private readonly bool _isTry = isTry;

    public override ColumnVector Evaluate(RecordBatch batch)
    {
        using var vector = _operand.Evaluate(batch);
        var strings = (BytesVector)vector;
        var result = PrimitiveVector<T>.Allocate(Type, strings.Length);
        var target = result.Values;
        for (var i = 0; i < target.Length; i++)
        {
            if (strings.IsNull(i))
            {
                result.SetNull(i);
                continue;
            }

            var text = strings.GetBytes(i).Trim(" \t\r\n"u8);
            if (T.TryParse(text, Styles, CultureInfo.InvariantCulture, out var value))
            {
                target[i] = value;
            }
            else if (_isTry)
            {
                result.SetNull(i);
            }
            else
            {
                throw new SluiceException(
                    $"Cannot cast '{Encoding.UTF8.GetString(strings.GetBytes(i))}' to {Type}.", ErrorDomain.User);
            }
        }

        return result;
    }
}
