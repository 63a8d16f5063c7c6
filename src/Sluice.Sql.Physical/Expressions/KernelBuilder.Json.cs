using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>JSON functions.</summary>
internal sealed partial class KernelBuilder
{
    private Kernel? TryBuildJson(BoundCall call)
    {
        switch (call.Function.Name)
        {
            case "JSON_VALUE":
                return JsonQuery(call, isValue: true);
            case "JSON_QUERY":
                return JsonQuery(call, isValue: false);
            case "JSON_EXISTS":
            {
                var path = JsonPath.Compile(JsonPathText(call));
                var onError = JsonBehavior.False;
                for (var i = 2; i < call.Operands.Count; i++)
                {
                    if (Symbol(call, i) is { } symbol && symbol.EndsWith(" ON ERROR", StringComparison.Ordinal))
                    {
                        onError = Behavior(symbol);
                    }
                }

                return new JsonFunctionKernel(Text(call, 0), JsonFunction.Exists, path, JsonBehavior.Null, null, onError, null, call.Type);
            }

            case "JSON_OBJECT" or "JSON_ARRAY":
            {
                var isObject = call.Function.Name == "JSON_OBJECT";
                var absent = Symbol(call, 0) == "ABSENT ON NULL";
                var operands = call.Operands.Skip(1).Select(o => Build(o)).ToArray();
                var raw = call.Operands.Skip(1).Select(IsJsonConstructor).ToArray();
                if (isObject)
                {
                    for (var i = 0; i < operands.Length; i += 2)
                    {
                        operands[i] = Cast(operands[i], DataTypes.String().WithNullability(operands[i].Type.IsNullable));
                    }
                }

                return new JsonConstructorKernel(operands, isObject, isString: false, absent, raw, call.Type);
            }

            case "JSON_STRING" when call.Operands[0].Type.TypeId == TypeId.Variant:
                return new VariantJsonKernel(Build(call.Operands[0]), call.Type);
            case "PARSE_JSON" or "TRY_PARSE_JSON":
                return new ParseJsonKernel(Build(call.Operands[0]),
                    call.Operands.Count > 1 ? Build(call.Operands[1]) : null, call.Function.Name == "TRY_PARSE_JSON", call.Type);
            case "JSON_STRING":
                return new JsonConstructorKernel([Build(call.Operands[0])], isObject: false, isString: true, absentOnNull: false,
                    [IsJsonConstructor(call.Operands[0])], call.Type);
            default:
                return null;
        }
    }

    private Kernel JsonQuery(BoundCall call, bool isValue)
    {
        var path = JsonPath.Compile(JsonPathText(call));
        var function = isValue ? JsonFunction.Value : JsonFunction.Query;
        var onEmpty = JsonBehavior.Null;
        var onError = JsonBehavior.Null;
        Kernel? emptyDefault = null;
        Kernel? errorDefault = null;
        var text = DataTypes.String();
        for (var i = 2; i < call.Operands.Count; i++)
        {
            var symbol = Symbol(call, i);
            if (symbol is null)
            {
                continue;
            }

            if (symbol.StartsWith("WITH", StringComparison.Ordinal) || symbol.StartsWith("WITHOUT", StringComparison.Ordinal))
            {
                function = symbol switch
                {
                    "WITH CONDITIONAL ARRAY WRAPPER" => JsonFunction.QueryConditionalWrapper,
                    "WITH UNCONDITIONAL ARRAY WRAPPER" => JsonFunction.QueryWrapper,
                    _ => JsonFunction.Query,
                };
                continue;
            }

            var behavior = Behavior(symbol);
            Kernel? value = null;
            if (behavior == JsonBehavior.Default && i + 1 < call.Operands.Count && call.Operands[i + 1] is not BoundSymbol)
            {
                var operand = Build(call.Operands[++i]);
                // A BOOLEAN default is the JSON text 'true'/'false' (Flink's documented "false"), not CAST's 'FALSE'.
                value = operand.Type.TypeId == TypeId.Boolean
                    ? new RowFunctionKernel([operand], call.Function.Name, a => (bool)a[0]! ? "true" : "false", text.WithNullability(operand.Type.IsNullable))
                    : Cast(operand, text);
            }

            if (symbol.EndsWith(" ON EMPTY", StringComparison.Ordinal))
            {
                (onEmpty, emptyDefault) = (behavior, value);
            }
            else
            {
                (onError, errorDefault) = (behavior, value);
            }
        }

        Kernel kernel = new JsonFunctionKernel(Text(call, 0), function, path, onEmpty, emptyDefault, onError, errorDefault,
            DataTypes.String().Nullable());
        var type = call.Type;
        if (TypeRules.IsCharacter(type))
        {
            return Cast(kernel, type);
        }

        if (!isValue && type.TypeId == TypeId.Array && TypeRules.IsCharacter(type.ElementType!))
        {
            // RETURNING ARRAY<STRING>: the selected array's elements, strings as their values, others as JSON text.
            return new RowFunctionKernel([kernel], call.Function.Name, a => JsonStrings((string)a[0]!), type.Nullable());
        }

        // RETURNING another type: convert the text; a value that does not convert is NULL unless ERROR ON ERROR.
        return Cast(kernel, type, isTry: onError != JsonBehavior.Error);
    }

    private static object?[]? JsonStrings(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind != System.Text.Json.JsonValueKind.Array
            ? null
            : root.EnumerateArray().Select(e => (object?)(e.ValueKind switch
            {
                System.Text.Json.JsonValueKind.String => e.GetString(),
                System.Text.Json.JsonValueKind.Null => null,
                _ => e.GetRawText(),
            })).ToArray();
    }

    private static string JsonPathText(BoundCall call) =>
        TryLiteral(call.Operands[1], out var value) && value is string path
            ? path
            : throw new Core.Errors.SluiceException($"The path of {call.Function.Name} must be a string literal.", Core.Errors.ErrorDomain.User);

    private static JsonBehavior Behavior(string symbol) => symbol[..symbol.IndexOf(" ON ", StringComparison.Ordinal)] switch
    {
        "ERROR" => JsonBehavior.Error,
        "DEFAULT" => JsonBehavior.Default,
        "EMPTY ARRAY" => JsonBehavior.EmptyArray,
        "EMPTY OBJECT" => JsonBehavior.EmptyObject,
        "TRUE" => JsonBehavior.True,
        "FALSE" => JsonBehavior.False,
        "UNKNOWN" => JsonBehavior.Unknown,
        _ => JsonBehavior.Null,
    };

    private static bool IsJsonConstructor(BoundExpression expression) =>
        expression is BoundCall { Function.Name: "JSON_OBJECT" or "JSON_ARRAY" };
}
