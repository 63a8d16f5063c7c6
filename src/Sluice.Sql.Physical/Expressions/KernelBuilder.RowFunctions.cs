using System.Globalization;
using Sluice.Core.Types;
using Sluice.Sql.Binding;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Functions computed row by row on boxed values (<see cref="RowFunctions"/>), and <c>TYPEOF</c>.</summary>
internal sealed partial class KernelBuilder
{
    private Kernel? TryBuildRowFunction(BoundCall call)
    {
        var name = call.Function.Name;
        var type = call.Type;
        var n = call.Operands.Count;
        switch (name)
        {
            case "TYPEOF":
                // The type is known when planning: a constant, as in Flink.
                return new LiteralKernel(call.Operands[0].Type.ToString(), type);
            case "IS JSON VALUE" or "IS JSON SCALAR" or "IS JSON ARRAY" or "IS JSON OBJECT":
            {
                var kind = name[8..];
                return Row(call, a => RowFunctions.IsJson((string?)a[0], kind), nullOnNullInput: false);
            }

            case "BIN":
                return Row(call, a => RowFunctions.Bin(Convert.ToInt64(a[0], CultureInfo.InvariantCulture)));
            case "HEX":
                return Row(call, a => RowFunctions.Hex(a[0]!));
            case "UNHEX":
                return Row(call, a => RowFunctions.Unhex((string)a[0]!));
            case "IS_ALPHA" or "IS_DIGIT" or "IS_DECIMAL":
                Func<string?, bool> test = name switch
                {
                    "IS_ALPHA" => RowFunctions.IsAlpha,
                    "IS_DIGIT" => RowFunctions.IsDigit,
                    _ => RowFunctions.IsDecimal,
                };
                return Row(call, a => test((string?)a[0]), nullOnNullInput: false);
            case "PARSE_URL":
                return Row(call, a => RowFunctions.ParseUrl((string)a[0]!, (string)a[1]!, n > 2 ? (string?)a[2] : null));
            case "STR_TO_MAP":
                return Row(call, a => RowFunctions.StrToMap((string)a[0]!, n > 1 ? (string)a[1]! : ",", n > 2 ? (string)a[2]! : "="),
                    mayFail: true);
            case "ARRAY_DISTINCT":
                return Row(call, a => RowFunctions.Distinct(RowFunctions.Elements(a[0]!)));
            case "ARRAY_REVERSE":
                return Row(call, a => RowFunctions.Elements(a[0]!).Reverse().ToArray());
            case "ARRAY_REMOVE":
                return Row(ElementOperands(call), call, a => a[0] is null ? null : RowFunctions.Remove(RowFunctions.Elements(a[0]!), a[1]),
                    nullOnNullInput: false);
            case "ARRAY_POSITION":
                return Row(ElementOperands(call), call, a => RowFunctions.Position(RowFunctions.Elements(a[0]!), a[1]!));
            case "ARRAY_APPEND" or "ARRAY_PREPEND":
            {
                var append = name == "ARRAY_APPEND";
                return Row(ElementOperands(call), call, a =>
                {
                    if (a[0] is null)
                    {
                        return null;
                    }

                    var elements = RowFunctions.Elements(a[0]!);
                    return append ? [.. elements, a[1]] : new object?[] { a[1] }.Concat(elements).ToArray();
                }, nullOnNullInput: false);
            }

            case "ARRAY_SORT":
                return Row(call, a => RowFunctions.Sort(RowFunctions.Elements(a[0]!), n < 2 || (bool)a[1]!, n > 2 ? (bool)a[2]! : null));
            case "ARRAY_SLICE":
                return Row(call, a =>
                {
                    var elements = RowFunctions.Elements(a[0]!);
                    var start = Convert.ToInt64(a[1], CultureInfo.InvariantCulture);
                    var end = n > 2 ? Convert.ToInt64(a[2], CultureInfo.InvariantCulture) : elements.Length;
                    return RowFunctions.Slice(elements, start, end);
                });
            case "ARRAY_UNION":
                return Row(SameArrayOperands(call), call, a => RowFunctions.Union(RowFunctions.Elements(a[0]!), RowFunctions.Elements(a[1]!)));
            case "ARRAY_CONCAT":
                return Row(SameArrayOperands(call), call, a => a.SelectMany(x => RowFunctions.Elements(x!)).ToArray());
            case "ARRAY_EXCEPT":
                return Row(SameArrayOperands(call), call, a => RowFunctions.Except(RowFunctions.Elements(a[0]!), RowFunctions.Elements(a[1]!)));
            case "ARRAY_INTERSECT":
                return Row(SameArrayOperands(call), call, a => RowFunctions.Intersect(RowFunctions.Elements(a[0]!), RowFunctions.Elements(a[1]!)));
            case "ARRAY_MAX" or "ARRAY_MIN":
            {
                var max = name == "ARRAY_MAX";
                return Row(call, a => RowFunctions.Extreme(RowFunctions.Elements(a[0]!), max));
            }

            case "ARRAY_JOIN":
                return Row(call, a => RowFunctions.Join(RowFunctions.Elements(a[0]!), (string)a[1]!, n > 2 ? (string)a[2]! : null));
            case "MAP_KEYS":
                return Row(call, a => RowFunctions.Entries(a[0]!).Select(e => e.Key).ToArray());
            case "MAP_VALUES":
                return Row(call, a => RowFunctions.Entries(a[0]!).Select(e => e.Value).ToArray());
            case "MAP_ENTRIES":
                return Row(call, a => RowFunctions.Entries(a[0]!).Select(e => (object?)new object?[] { e.Key, e.Value }).ToArray());
            case "MAP_FROM_ARRAYS":
                return Row(call, a => RowFunctions.MapFromArrays(RowFunctions.Elements(a[0]!), RowFunctions.Elements(a[1]!)), mayFail: true);
            case "MAP_UNION":
            {
                var operands = call.Operands.Select(o => Cast(Build(o), type.WithNullability(o.Type.IsNullable))).ToArray();
                return Row(operands, call, a => RowFunctions.MapUnion(a.SelectMany(m => RowFunctions.Entries(m!))));
            }

            default:
                return null;
        }
    }

    private RowFunctionKernel Row(BoundCall call, Func<object?[], object?> function, bool nullOnNullInput = true, bool mayFail = false) =>
        Row(call.Operands.Select(Build).ToArray(), call, function, nullOnNullInput, mayFail);

    private static RowFunctionKernel Row(Kernel[] operands, BoundCall call, Func<object?[], object?> function, bool nullOnNullInput = true,
        bool mayFail = false) =>
        new(operands, call.Function.Name, function, call.Type, nullOnNullInput, mayFail);

    /// <summary>An array operand and an element operand converted to the array's element type, so that values compare alike.</summary>
    private Kernel[] ElementOperands(BoundCall call)
    {
        var array = Build(call.Operands[0]);
        var element = call.Operands[0].Type.ElementType!;
        var value = call.Operands[1];
        return [array, Cast(Build(value), element.WithNullability(value.Type.IsNullable))];
    }

    /// <summary>Array operands converted to the result's array type, so that their elements compare alike.</summary>
    private Kernel[] SameArrayOperands(BoundCall call)
    {
        var target = call.Type;
        return [.. call.Operands.Select(o => Cast(Build(o), target.WithNullability(o.Type.IsNullable)))];
    }
}
