using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Conditionals and predicates: CASE, IF, NULLIF, COALESCE, GREATEST/LEAST, IN, LIKE, SIMILAR TO.</summary>
internal sealed partial class KernelBuilder
{
    private Kernel BuildCase(BoundCase @case)
    {
        var conditions = @case.Conditions.Select(c => Cast(Build(c), DataTypes.Boolean())).ToArray();
        var results = @case.Results.Select(r => Cast(Build(r), @case.Type)).ToArray();
        var otherwise = Cast(Build(@case.Else), @case.Type);
        return (Kernel?)TrySwitch(@case, conditions, results, otherwise) ?? new CaseKernel(conditions, results, otherwise, @case.Type);
    }

    /// <summary>
    /// A <see cref="SwitchCaseKernel"/> when every condition is <c>x = constant</c> for one deterministic string
    /// expression <c>x</c> compared by bytes (<c>CASE WHEN LOWER(channel) = 'apple' THEN ... WHEN LOWER(channel) =
    /// 'google' ...</c>), else null.
    /// </summary>
    private static SwitchCaseKernel? TrySwitch(BoundCase @case, Kernel[] conditions, Kernel[] results, Kernel otherwise)
    {
        if (conditions.Length < 2)
        {
            return null;
        }

        BoundExpression? shared = null;
        Kernel? operand = null;
        var constants = new byte[conditions.Length][];
        for (var k = 0; k < conditions.Length; k++)
        {
            if (@case.Conditions[k] is not BoundCall { Function.Name: "=", Operands: [var left, var right] }
                || conditions[k] is not BytesComparisonKernel { Operator: ComparisonOperator.Equal, Children: [var a, var b] })
            {
                return null;
            }

            // The constant side, in the bound call and in the kernel.
            // A relabelling (VARCHAR(1) compared as VARCHAR(5)) keeps the bytes, so it is looked through.
            var (x, side, literal) = TryLiteral(right, out _) ? (left, a, b) : TryLiteral(left, out _) ? (right, b, a) : (null, null, null);
            if (x is null || Relabelled(literal) is not LiteralKernel { Value: not null } constant || side is null)
            {
                return null;
            }

            side = Relabelled(side)!;
            if (shared is null)
            {
                if (x.Any(e => e is BoundCall { Function: var f } && (!f.IsDeterministic || f.Implementation is not null)))
                {
                    return null;
                }

                shared = x;
                operand = side;
            }
            else if (!shared.Equals(x) || !side.Type.Equals(operand!.Type))
            {
                return null;
            }

            constants[k] = constant.Value switch
            {
                string text => Encoding.UTF8.GetBytes(text),
                byte[] bytes => bytes,
                _ => null!,
            };
            if (constants[k] is null)
            {
                return null;
            }
        }

        return new SwitchCaseKernel(operand!, constants, results, otherwise, @case.Type);

        static Kernel? Relabelled(Kernel? kernel) => kernel is TypeOverrideKernel { Children: [var inner] } ? inner : kernel;
    }

    private Kernel BuildIf(BoundCall call) =>
        new CaseKernel(
            [Cast(Build(call.Operands[0]), DataTypes.Boolean())],
            [Cast(Build(call.Operands[1]), call.Type)],
            Cast(Build(call.Operands[2]), call.Type),
            call.Type);

    private Kernel BuildNullIf(BoundCall call)
    {
        var type = call.Type;
        var value = Cast(Build(call.Operands[0]), type);
        var equal = Comparison(Build(call.Operands[0]), Build(call.Operands[1]), ComparisonOperator.Equal, DataTypes.Boolean())
            ?? throw NotSupported(call);
        return new CaseKernel([equal], [new LiteralKernel(null, type.Nullable())], value, type);
    }

    private Kernel BuildCoalesce(BoundCall call) =>
        new CoalesceKernel(call.Operands.Select(o => Cast(Build(o), call.Type.WithNullability(o.Type.IsNullable))).ToArray(), call.Type);

    private Kernel BuildGreatest(BoundCall call)
    {
        if (!VectorValues.IsOrderable(call.Type))
        {
            throw NotSupported(call);
        }

        var operands = call.Operands.Select(o => Cast(Build(o), call.Type.WithNullability(o.Type.IsNullable))).ToArray();
        return new GreatestKernel(operands, call.Function.Name == "GREATEST", call.Type);
    }

    private Kernel BuildIn(BoundCall call)
    {
        var operand = Build(call.Operands[0]);
        var type = operand.Type;
        var list = call.Operands.Skip(1).ToArray();
        if (type.TypeId != TypeId.Null && list.All(v => TryLiteral(v, out _)))
        {
            var set = LiteralSet(operand, list, call.Type);
            if (set is not null)
            {
                return set;
            }
        }

        // x IN (a, b) is x = a OR x = b, with SQL's three-valued logic.
        Kernel? result = null;
        foreach (var value in list)
        {
            var equal = Comparison(operand, Build(value), ComparisonOperator.Equal, DataTypes.Boolean()) ?? throw NotSupported(call);
            result = result is null ? equal : new LogicalKernel(result, equal, isAnd: false, DataTypes.Boolean());
        }

        return Cast(result!, call.Type);
    }

    /// <summary>A hash-set kernel for a list of constants, or null when the operand type has none.</summary>
    private Kernel? LiteralSet(Kernel operand, BoundExpression[] list, DataType resultType)
    {
        // A VARCHAR(n) operand is compared with the literals at their own length (the common type), never with the
        // literals cut to n: `c IN ('apple')` must not match a VARCHAR(1) value 'a'.
        var type = operand.Type.TypeId == TypeId.VarChar ? DataTypes.String() : operand.Type;
        using var builder = ColumnVectorBuilder.Create(type, list.Length);
        var hasNull = false;
        foreach (var value in list)
        {
            using var single = Cast(Build(value), type.Nullable()).Evaluate(ConstantFrame());
            hasNull |= single.IsNull(0);
            VectorValues.Append(builder, single, 0);
        }

        using var values = builder.Build();
        var indexes = Enumerable.Range(0, values.Length).Where(i => !values.IsNull(i)).ToArray();
        return values switch
        {
            PrimitiveVector<int> v => new InSetKernel<int>(operand, indexes.Select(i => v.Values[i]).ToHashSet(), hasNull, resultType),
            PrimitiveVector<long> v => new InSetKernel<long>(operand, indexes.Select(i => v.Values[i]).ToHashSet(), hasNull, resultType),
            PrimitiveVector<short> v => new InSetKernel<short>(operand, indexes.Select(i => v.Values[i]).ToHashSet(), hasNull, resultType),
            PrimitiveVector<sbyte> v => new InSetKernel<sbyte>(operand, indexes.Select(i => v.Values[i]).ToHashSet(), hasNull, resultType),
            PrimitiveVector<double> v => new InSetKernel<double>(operand, indexes.Select(i => v.Values[i]).ToHashSet(), hasNull, resultType),
            PrimitiveVector<float> v => new InSetKernel<float>(operand, indexes.Select(i => v.Values[i]).ToHashSet(), hasNull, resultType),
            PrimitiveVector<Int128> v => new InSetKernel<Int128>(operand, indexes.Select(i => v.Values[i]).ToHashSet(), hasNull, resultType),
            BytesVector v => new InBytesSetKernel(operand, indexes.Select(i => v.GetBytes(i).ToArray()), hasNull, resultType),
            _ => null,
        };
    }

    /// <summary>A one-row frame over an empty batch, for evaluating constant kernels at compile time.</summary>
    private Frame ConstantFrame()
    {
        var batch = new Core.Batches.RecordBatch(Core.Schemas.Schema.Of(), [], 1);
        return new Frame(batch, null, 1, new EvaluationContext(_environment));
    }

    private Kernel BuildLike(BoundCall call)
    {
        var operands = call.Operands.Select(o => Cast(Build(o), DataTypes.String().WithNullability(o.Type.IsNullable))).ToArray();
        LikePattern? constant = null;
        if (TryLiteral(call.Operands[1], out var pattern) && pattern is string text
            && (call.Operands.Count < 3 || (TryLiteral(call.Operands[2], out var escape) && escape is string)))
        {
            var escapeText = call.Operands.Count > 2 && TryLiteral(call.Operands[2], out var e) ? (string)e! : null;
            constant = LikePattern.Compile(Encoding.UTF8.GetBytes(text), escapeText is null ? default : Encoding.UTF8.GetBytes(escapeText), escapeText is not null);
        }

        return new LikeKernel(operands, constant, call.Type);
    }

    private Kernel BuildSimilar(BoundCall call)
    {
        var operands = call.Operands.Select(o => Cast(Build(o), DataTypes.String().WithNullability(o.Type.IsNullable))).ToArray();
        string? pattern = null;
        string? escape = null;
        if (TryLiteral(call.Operands[1], out var p) && p is string text
            && (call.Operands.Count < 3 || (TryLiteral(call.Operands[2], out var e) && e is string)))
        {
            pattern = text;
            escape = call.Operands.Count > 2 && TryLiteral(call.Operands[2], out var value) ? (string)value! : null;
        }

        return new RegexKernel(operands, RegexFunction.Similar, pattern, escape, call.Type);
    }
}
