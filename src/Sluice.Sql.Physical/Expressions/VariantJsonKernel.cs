using System.Text.Json;
using Sluice.Core.Types;
using Sluice.Core.Variants;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>JSON_STRING(variant)</c>: the variant's JSON text (<see cref="VariantJson"/>: compact, object fields in key order);
/// NULL for a NULL variant, <c>null</c> for a JSON null.
/// </summary>
internal sealed class VariantJsonKernel(Kernel operand, DataType type) : UnaryKernel(operand, type)
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer = new(new System.Buffers.ArrayBufferWriter<byte>(1), VariantJsonOptions);

    private static JsonWriterOptions VariantJsonOptions => new()
    {
        Encoder = Core.Serialization.JacksonJsonEncoder.Instance,
        SkipValidation = true,
    };

    /// <inheritdoc />
    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var variants = (BytesVector)operand;
        var rows = frame.Count;
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (variants.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            VariantJson.Write(_writer, new VariantValue(variants.GetBytes(i)));
            _writer.Flush();
            builder.Append(_buffer.WrittenSpan);
        }

        return builder.Build();
    }
}
