using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>String, regular-expression and hashing functions.</summary>
internal sealed partial class KernelBuilder
{
    private Kernel? TryBuildString(BoundCall call)
    {
        var name = call.Function.Name;
        var type = call.Type;
        var n = call.Operands.Count;
        switch (name)
        {
            case "UPPER" or "LOWER" or "INITCAP":
                var mode = name switch
                {
                    "UPPER" => StringCaseMode.Upper,
                    "LOWER" => StringCaseMode.Lower,
                    _ => StringCaseMode.InitCap,
                };
                return new StringCaseKernel(Text(call, 0), mode, type);
            case "CHAR_LENGTH" or "CHARACTER_LENGTH":
                return new CharLengthKernel(Text(call, 0), type);
            case "TRIM":
            {
                var side = Symbol(call, 0) switch
                {
                    "LEADING" => StringFunction.TrimLeading,
                    "TRAILING" => StringFunction.TrimTrailing,
                    _ => StringFunction.TrimBoth,
                };
                return new StringFunctionKernel([Text(call, 1), Text(call, 2)], side, type);
            }

            case "BTRIM":
            {
                var characters = n > 1 ? Text(call, 1) : new LiteralKernel(" ", DataTypes.String().NotNull());
                return new StringFunctionKernel([characters, Text(call, 0)], StringFunction.TrimBoth, type);
            }

            case "TRANSLATE":
                return new StringFunctionKernel([Text(call, 0), Text(call, 1), Text(call, 2)], StringFunction.Translate, type);
            case "URL_ENCODE" or "URL_DECODE":
                return new StringFunctionKernel([Text(call, 0)], name == "URL_ENCODE" ? StringFunction.UrlEncode : StringFunction.UrlDecode, type);
            case "LTRIM" or "RTRIM":
            {
                var characters = n > 1 ? Text(call, 1) : new LiteralKernel(" ", DataTypes.String().NotNull());
                return new StringFunctionKernel([characters, Text(call, 0)], name == "LTRIM" ? StringFunction.TrimLeading : StringFunction.TrimTrailing, type);
            }

            case "SUBSTRING" or "SUBSTR":
                return new StringFunctionKernel(n > 2 ? [Text(call, 0), Int(call, 1), Int(call, 2)] : [Text(call, 0), Int(call, 1)],
                    StringFunction.Substring, type);
            case "POSITION" or "LOCATE":
                return new PositionKernel(n > 2 ? [Text(call, 0), Text(call, 1), Int(call, 2)] : [Text(call, 0), Text(call, 1)], type);
            case "INSTR":
                return new PositionKernel([Text(call, 1), Text(call, 0)], type);
            case "ASCII":
                return new PositionKernel([Text(call, 0)], type);
            case "OVERLAY":
                return new StringFunctionKernel(
                    n > 3 ? [Text(call, 0), Text(call, 1), Int(call, 2), Int(call, 3)] : [Text(call, 0), Text(call, 1), Int(call, 2)],
                    StringFunction.Overlay, type);
            case "CONCAT_WS":
                return new ConcatWsKernel(Enumerable.Range(0, n).Select(i => Text(call, i)).ToArray(), type);
            case "REPLACE":
                if (TryLiteral(call.Operands[1], out var search) && search is string { Length: > 0 } searchText
                    && TryLiteral(call.Operands[2], out var replacement) && replacement is string replacementText)
                {
                    return new ReplaceKernel(Text(call, 0), System.Text.Encoding.UTF8.GetBytes(searchText), System.Text.Encoding.UTF8.GetBytes(replacementText), type);
                }

                return new StringFunctionKernel([Text(call, 0), Text(call, 1), Text(call, 2)], StringFunction.Replace, type);
            case "LPAD" or "RPAD":
                return new StringFunctionKernel([Text(call, 0), Int(call, 1), Text(call, 2)],
                    name == "LPAD" ? StringFunction.LeftPad : StringFunction.RightPad, type);
            case "REPEAT":
                return new StringFunctionKernel([Text(call, 0), Int(call, 1)], StringFunction.Repeat, type);
            case "REVERSE":
                return new StringFunctionKernel([Text(call, 0)], StringFunction.Reverse, type);
            case "LEFT" or "RIGHT":
                return new StringFunctionKernel([Text(call, 0), Int(call, 1)], name == "LEFT" ? StringFunction.Left : StringFunction.Right, type);
            case "SPLIT_INDEX":
                if (TryLiteral(call.Operands[1], out var separator) && separator is string { Length: > 0 } separatorText
                    && TryLiteral(call.Operands[2], out var index) && index is sbyte or short or int or long and >= (long)int.MinValue and <= (long)int.MaxValue)
                {
                    return new SplitIndexKernel(Text(call, 0), System.Text.Encoding.UTF8.GetBytes(separatorText), Convert.ToInt64(index, System.Globalization.CultureInfo.InvariantCulture), type);
                }

                return new StringFunctionKernel([Text(call, 0), Text(call, 1), Int(call, 2)], StringFunction.SplitIndex, type);
            case "CHR":
                return new StringFunctionKernel([Cast(Build(call.Operands[0]), DataTypes.BigInt().WithNullability(call.Operands[0].Type.IsNullable))],
                    StringFunction.Chr, type);
            case "TO_BASE64":
                return new StringFunctionKernel([Bytes(call, 0)], StringFunction.ToBase64, type);
            case "FROM_BASE64":
                return new StringFunctionKernel([Text(call, 0)], StringFunction.FromBase64, type);
            case "MD5" or "SHA1" or "SHA224" or "SHA256" or "SHA384" or "SHA512":
            {
                var bits = name switch
                {
                    "SHA1" => 160,
                    "SHA224" => 224,
                    "SHA256" => 256,
                    "SHA384" => 384,
                    _ => 512,
                };
                return new HashKernel([Bytes(call, 0)], bits, name == "MD5", type);
            }

            case "SHA2":
                return new HashKernel([Bytes(call, 0), Int(call, 1)], 0, md5: false, type);
            case "JSON_QUOTE" or "JSON_UNQUOTE":
                return new JsonQuoteKernel(Text(call, 0), name == "JSON_UNQUOTE", type);
            case "ENCODE" or "DECODE":
                return new CharsetKernel(Text(call, 0), Text(call, 1), name == "ENCODE", type);
            case "SPLIT":
                return new SplitKernel(Text(call, 0), Text(call, 1), type);
            case "ELT":
            {
                var operands = new Kernel[n];
                operands[0] = Cast(Build(call.Operands[0]), DataTypes.BigInt().WithNullability(call.Operands[0].Type.IsNullable));
                for (var i = 1; i < n; i++)
                {
                    operands[i] = Operand(call, i, type.WithNullability(call.Operands[i].Type.IsNullable));
                }

                return new EltKernel(operands, type);
            }

            case "PRINTF":
                return new PrintfKernel(Enumerable.Range(0, n).Select(i => i == 0 ? Text(call, 0) : Build(call.Operands[i])).ToArray(), type);
            case "STARTSWITH" or "ENDSWITH":
                return new AffixKernel(Text(call, 0), Text(call, 1), name == "ENDSWITH", type);
            case "REGEXP":
                return Regex(call, RegexFunction.Find);
            case "REGEXP_EXTRACT":
                return Regex(call, RegexFunction.Extract);
            case "REGEXP_EXTRACT_ALL":
                return Regex(call, RegexFunction.ExtractAll);
            case "REGEXP_REPLACE":
                return Regex(call, RegexFunction.Replace);
            case "REGEXP_COUNT":
                return Regex(call, RegexFunction.Count);
            case "REGEXP_INSTR":
                return Regex(call, RegexFunction.Instr);
            case "REGEXP_SUBSTR":
                return Regex(call, RegexFunction.Substr);
            default:
                return null;
        }
    }

    private Kernel Regex(BoundCall call, RegexFunction function)
    {
        var operands = new Kernel[call.Operands.Count];
        for (var i = 0; i < operands.Length; i++)
        {
            operands[i] = function is RegexFunction.Extract or RegexFunction.ExtractAll && i == 2 ? Int(call, i) : Text(call, i);
        }

        var pattern = TryLiteral(call.Operands[1], out var value) && value is string text ? text : null;
        return new RegexKernel(operands, function, pattern, null, call.Type);
    }

    /// <summary>Operand <paramref name="index"/> as a <c>STRING</c> (binary strings keep their bytes).</summary>
    private Kernel Text(BoundCall call, int index)
    {
        var operand = call.Operands[index];
        var kernel = Build(operand);
        return TypeRules.IsBinary(kernel.Type) ? kernel : Cast(kernel, DataTypes.String().WithNullability(operand.Type.IsNullable));
    }

    /// <summary>Operand <paramref name="index"/> as bytes: binary strings as they are, character strings as UTF-8.</summary>
    private Kernel Bytes(BoundCall call, int index) => Text(call, index);

    /// <summary>Operand <paramref name="index"/> as an <c>INT</c>.</summary>
    private Kernel Int(BoundCall call, int index) =>
        Cast(Build(call.Operands[index]), DataTypes.Int().WithNullability(call.Operands[index].Type.IsNullable));
}
