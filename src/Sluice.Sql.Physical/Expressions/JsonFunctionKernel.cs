using System.Text.Json;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>JSON_VALUE</c>, <c>JSON_QUERY</c> and <c>JSON_EXISTS</c> over a compiled path (see <see cref="JsonPath"/>), with
/// SQL/JSON's behaviors: when the path selects nothing the ON EMPTY behavior applies (NULL by default), when the
/// document does not parse, strict mode fails, <c>JSON_VALUE</c> selects an object or array or <c>JSON_QUERY</c> a
/// scalar without a wrapper, the ON ERROR behavior (NULL by default; FALSE for <c>JSON_EXISTS</c>). <c>JSON_VALUE</c>
/// yields text (the builder casts it to the RETURNING type); a JSON null is NULL. Each row parses its document
/// (System.Text.Json; allocates).
/// </summary>
internal sealed class JsonFunctionKernel : Kernel
{
    private readonly Kernel _json;
    private readonly Kernel? _emptyDefault;
    private readonly Kernel? _errorDefault;
    private readonly JsonFunction _function;
    private readonly JsonPath _path;
    private readonly JsonBehavior _onEmpty;
    private readonly JsonBehavior _onError;
    private readonly Utf8Buffer _buffer = new();
    private byte[] _document = new byte[256];

    public JsonFunctionKernel(Kernel json, JsonFunction function, JsonPath path, JsonBehavior onEmpty, Kernel? emptyDefault,
        JsonBehavior onError, Kernel? errorDefault, DataType type)
        : base(type, new[] { json, emptyDefault, errorDefault }.OfType<Kernel>().ToArray())
    {
        _json = json;
        _function = function;
        _path = path;
        _onEmpty = onEmpty;
        _emptyDefault = emptyDefault;
        _onError = onError;
        _errorDefault = errorDefault;
    }

    protected override bool SelfMayFail => _onEmpty == JsonBehavior.Error || _onError == JsonBehavior.Error;

    public override ColumnVector Evaluate(in Frame frame)
    {
        var rows = frame.Count;
        using var documents = _json.Evaluate(frame);
        using var emptyDefaults = _emptyDefault?.Evaluate(frame);
        using var errorDefaults = _errorDefault?.Evaluate(frame);
        var text = (BytesVector)documents;
        if (_function == JsonFunction.Exists)
        {
            var result = BooleanVector.Allocate(Type, rows);
            for (var i = 0; i < rows; i++)
            {
                if (text.IsNull(i))
                {
                    result.SetNull(i);
                    continue;
                }

                var outcome = Select(text.GetBytes(i), out var document, out _);
                using (document)
                {
                    if (outcome == JsonPath.Outcome.Error)
                    {
                        switch (_onError)
                        {
                            case JsonBehavior.True:
                                result.Set(i, true);
                                break;
                            case JsonBehavior.Unknown:
                                result.SetNull(i);
                                break;
                            case JsonBehavior.Error:
                                throw Failure(text.GetBytes(i), "the document is not valid JSON or the path fails");
                        }
                    }
                    else
                    {
                        result.Set(i, outcome == JsonPath.Outcome.Found);
                    }
                }
            }

            return result;
        }

        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (text.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            var outcome = Select(text.GetBytes(i), out var document, out var item);
            using (document)
            {
                _buffer.Clear();
                if (outcome == JsonPath.Outcome.Found)
                {
                    outcome = Render(item);
                }

                if (outcome == JsonPath.Outcome.Found)
                {
                    builder.Append(_buffer.Span);
                    continue;
                }

                var empty = outcome == JsonPath.Outcome.Empty;
                var behavior = empty ? _onEmpty : _onError;
                switch (behavior)
                {
                    case JsonBehavior.Error:
                        throw Failure(text.GetBytes(i), empty ? "the path selects nothing" : "the document is not valid JSON or the path selects the wrong kind of item");
                    case JsonBehavior.Default:
                        VectorValues.Append(builder, (empty ? emptyDefaults : errorDefaults)!, i);
                        break;
                    case JsonBehavior.EmptyArray:
                        builder.Append("[]"u8);
                        break;
                    case JsonBehavior.EmptyObject:
                        builder.Append("{}"u8);
                        break;
                    default:
                        builder.AppendNull();
                        break;
                }
            }
        }

        return builder.Build();
    }

    /// <summary>Writes the selected item to the buffer; Empty for a JSON null (VALUE), Error for the wrong kind.</summary>
    private JsonPath.Outcome Render(JsonElement item)
    {
        var scalar = item.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);
        switch (_function)
        {
            case JsonFunction.Value:
                if (item.ValueKind == JsonValueKind.Null)
                {
                    return JsonPath.Outcome.Empty;
                }

                if (!scalar)
                {
                    return JsonPath.Outcome.Error;
                }

                JsonText.WriteScalar(_buffer, item);
                return JsonPath.Outcome.Found;
            case JsonFunction.Query:
                if (scalar)
                {
                    return JsonPath.Outcome.Error;
                }

                JsonText.WriteElement(_buffer, item);
                return JsonPath.Outcome.Found;
            default:
                // Conditional: everything but an array is wrapped (objects too, as Flink's documented '[{}]').
                var wrap = _function == JsonFunction.QueryWrapper || item.ValueKind != JsonValueKind.Array;
                if (wrap)
                {
                    _buffer.Append((byte)'[');
                }

                JsonText.WriteElement(_buffer, item);
                if (wrap)
                {
                    _buffer.Append((byte)']');
                }

                return JsonPath.Outcome.Found;
        }
    }

    private JsonPath.Outcome Select(ReadOnlySpan<byte> json, out JsonDocument? document, out JsonElement item)
    {
        if (_document.Length < json.Length)
        {
            _document = new byte[Math.Max(json.Length, _document.Length * 2)];
        }

        json.CopyTo(_document);
        item = default;
        if (!JsonText.TryParse(_document.AsMemory(0, json.Length), out document))
        {
            return JsonPath.Outcome.Error;
        }

        return _path.Select(document!.RootElement, out item);
    }

    private SluiceException Failure(ReadOnlySpan<byte> json, string reason)
    {
        var name = _function switch
        {
            JsonFunction.Value => "JSON_VALUE",
            JsonFunction.Exists => "JSON_EXISTS",
            _ => "JSON_QUERY",
        };
        return new SluiceException($"{name}('{System.Text.Encoding.UTF8.GetString(json)}', '{_path.Text}') failed: {reason}.", ErrorDomain.User);
    }
}
