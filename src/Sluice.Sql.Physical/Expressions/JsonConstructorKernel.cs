using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>JSON_OBJECT(KEY k VALUE v, ...)</c>, <c>JSON_ARRAY(v, ...)</c> and <c>JSON_STRING(v)</c>: compact JSON text of SQL
/// values (see <see cref="JsonText.WriteValue"/>), e.g. <c>JSON_OBJECT('K1' VALUE 'V1')</c> is <c>{"K1":"V1"}</c>.
/// Values produced by a nested <c>JSON_OBJECT</c> or <c>JSON_ARRAY</c> are inserted as JSON, not as strings. NULL values
/// are written as <c>null</c> (NULL ON NULL) or left out (ABSENT ON NULL); a NULL key is an error. <c>JSON_STRING</c>
/// of NULL is NULL.
/// </summary>
internal sealed class JsonConstructorKernel(Kernel[] operands, bool isObject, bool isString, bool absentOnNull, bool[] raw, DataType type)
    : NaryKernel(operands, type)
{
    private readonly bool _isObject = isObject;
    private readonly bool _isString = isString;
    private readonly bool _absentOnNull = absentOnNull;
    private readonly bool[] _raw = raw;
    private readonly Utf8Buffer _buffer = new();

    protected override bool SelfMayFail => _isObject;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var context = frame.Context;
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            _buffer.Clear();
            if (_isString)
            {
                if (operands[0].IsNull(i))
                {
                    builder.AppendNull();
                    continue;
                }

                Write(operands, 0, i, context);
                builder.Append(_buffer.Span);
                continue;
            }

            _buffer.Append(_isObject ? (byte)'{' : (byte)'[');
            var first = true;
            var step = _isObject ? 2 : 1;
            for (var k = 0; k < operands.Length; k += step)
            {
                var value = _isObject ? k + 1 : k;
                if (_isObject && operands[k].IsNull(i))
                {
                    throw new SluiceException("JSON_OBJECT: a key is NULL.", ErrorDomain.User);
                }

                if (operands[value].IsNull(i) && _absentOnNull)
                {
                    continue;
                }

                if (!first)
                {
                    _buffer.Append((byte)',');
                }

                first = false;
                if (_isObject)
                {
                    JsonText.WriteString(_buffer, ((BytesVector)operands[k]).GetBytes(i));
                    _buffer.Append((byte)':');
                }

                Write(operands, value, i, context);
            }

            _buffer.Append(_isObject ? (byte)'}' : (byte)']');
            builder.Append(_buffer.Span);
        }

        return builder.Build();
    }

    private void Write(ColumnVector[] operands, int k, int row, EvaluationContext context)
    {
        if (_raw[k] && !operands[k].IsNull(row))
        {
            _buffer.Append(((BytesVector)operands[k]).GetBytes(row));
        }
        else
        {
            JsonText.WriteValue(_buffer, operands[k], row, context);
        }
    }
}
