using System.Linq.Expressions;
using System.Reflection;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Functions;

namespace Sluice.Sql.Physical.Udf;

/// <summary>
/// Builds the LINQ expressions that move values between columns and .NET values as a <see cref="ClrTypeMapping"/>
/// describes them: typed reads and appends for scalar types (no boxing), and conversions through the boxed values of
/// nested vectors for arrays, lists, maps and rows. The expressions are compiled once per function call site.
/// </summary>
internal static class ClrValueExpressions
{
    private static readonly MethodInfo IsNullMethod = typeof(ColumnVector).GetMethod(nameof(ColumnVector.IsNull))!;
    private static readonly MethodInfo AppendNullMethod = typeof(ColumnVectorBuilder).GetMethod(nameof(ColumnVectorBuilder.AppendNull))!;

    /// <summary>True when row <paramref name="row"/> of <paramref name="vector"/> is null.</summary>
    public static Expression IsNull(Expression vector, Expression row) => Expression.Call(vector, IsNullMethod, row);

    /// <summary>Appends a null to <paramref name="builder"/>.</summary>
    public static Expression AppendNull(Expression builder) => Expression.Call(builder, AppendNullMethod);

    /// <summary>
    /// The value of row <paramref name="row"/> of <paramref name="vector"/> as <see cref="ClrTypeMapping.ClrType"/>: the
    /// .NET default (null) for a SQL NULL when the type can hold one; otherwise the row must not be null.
    /// </summary>
    public static Expression Read(ClrTypeMapping mapping, Expression vector, Expression row)
    {
        var value = ConvertIfNeeded(ReadNonNull(mapping, vector, row), mapping.ClrType);
        return mapping.ClrAcceptsNull
            ? Expression.Condition(IsNull(vector, row), Expression.Default(mapping.ClrType), value)
            : value;
    }

    /// <summary>The non-null value of row <paramref name="row"/> as <see cref="ClrTypeMapping.UnderlyingType"/>.</summary>
    public static Expression ReadNonNull(ClrTypeMapping mapping, Expression vector, Expression row)
    {
        if (mapping.Kind != ClrTypeMappingKind.Scalar)
        {
            var boxed = Expression.Call(Helper(nameof(ClrValueHelpers.ReadBoxed)), vector, row);
            return ConvertIfNeeded(FromExternal(mapping, boxed, "value"), mapping.UnderlyingType);
        }

        var type = mapping.UnderlyingType;
        var sql = mapping.SqlType;
        if (type == typeof(bool))
        {
            return Expression.Call(Helper(nameof(ClrValueHelpers.ReadBoolean)), vector, row);
        }

        if (type == typeof(decimal))
        {
            var name = sql.PhysicalType == PhysicalType.Decimal64 ? nameof(ClrValueHelpers.ReadDecimal64) : nameof(ClrValueHelpers.ReadDecimal128);
            return Expression.Call(Helper(name), vector, row, Expression.Constant(sql.Scale));
        }

        if (type == typeof(sbyte) || type == typeof(short) || type == typeof(int) || type == typeof(long) || type == typeof(float) || type == typeof(double))
        {
            return Expression.Call(Helper(nameof(ClrValueHelpers.ReadPrimitive)).MakeGenericMethod(type), vector, row);
        }

        var method = type == typeof(string) ? nameof(ClrValueHelpers.ReadString)
            : type == typeof(byte[]) ? nameof(ClrValueHelpers.ReadBytes)
            : type == typeof(DateOnly) ? nameof(ClrValueHelpers.ReadDate)
            : type == typeof(TimeOnly) ? nameof(ClrValueHelpers.ReadTime)
            : type == typeof(DateTime) ? nameof(ClrValueHelpers.ReadTimestamp)
            : type == typeof(DateTimeOffset) ? nameof(ClrValueHelpers.ReadTimestampLtz)
            : type == typeof(TimeSpan) ? nameof(ClrValueHelpers.ReadInterval)
            : throw new InvalidOperationException($"No reader for {mapping}.");
        return Expression.Call(Helper(method), vector, row);
    }

    /// <summary>
    /// Appends <paramref name="value"/> (of <see cref="ClrTypeMapping.ClrType"/>) to <paramref name="builder"/>; a null
    /// value runs <paramref name="onNull"/> (null: append a SQL NULL).
    /// </summary>
    public static Expression Write(ClrTypeMapping mapping, Expression builder, Expression value, Expression? onNull = null)
    {
        if (!mapping.ClrAcceptsNull)
        {
            return WriteNonNull(mapping, builder, value);
        }

        var temp = Expression.Variable(mapping.ClrType, "result");
        var isNullable = Nullable.GetUnderlyingType(mapping.ClrType) is not null;
        var test = isNullable
            ? (Expression)Expression.Not(Expression.Property(temp, "HasValue"))
            : Expression.ReferenceEqual(temp, Expression.Constant(null, mapping.ClrType));
        var nonNull = isNullable ? Expression.Property(temp, "Value") : (Expression)temp;
        return Expression.Block([temp],
            Expression.Assign(temp, value),
            Expression.IfThenElse(test, onNull ?? AppendNull(builder), WriteNonNull(mapping, builder, nonNull)));
    }

    /// <summary>Appends a non-null <paramref name="value"/> of <see cref="ClrTypeMapping.UnderlyingType"/>.</summary>
    private static Expression WriteNonNull(ClrTypeMapping mapping, Expression builder, Expression value)
    {
        if (mapping.Kind != ClrTypeMappingKind.Scalar)
        {
            return Expression.Call(Helper(nameof(ClrValueHelpers.WriteBoxed)), builder, ToExternal(mapping, value));
        }

        var type = mapping.UnderlyingType;
        if (type == typeof(bool))
        {
            return Expression.Call(Helper(nameof(ClrValueHelpers.WriteBoolean)), builder, value);
        }

        if (type == typeof(sbyte) || type == typeof(short) || type == typeof(int) || type == typeof(long) || type == typeof(float) || type == typeof(double))
        {
            return Expression.Call(Helper(nameof(ClrValueHelpers.WritePrimitive)).MakeGenericMethod(type), builder, value);
        }

        var method = type == typeof(decimal) ? nameof(ClrValueHelpers.WriteDecimal)
            : type == typeof(string) ? nameof(ClrValueHelpers.WriteString)
            : type == typeof(byte[]) ? nameof(ClrValueHelpers.WriteBytes)
            : type == typeof(DateOnly) ? nameof(ClrValueHelpers.WriteDate)
            : type == typeof(TimeOnly) ? nameof(ClrValueHelpers.WriteTime)
            : type == typeof(DateTime) ? nameof(ClrValueHelpers.WriteTimestamp)
            : type == typeof(DateTimeOffset) ? nameof(ClrValueHelpers.WriteTimestampLtz)
            : type == typeof(TimeSpan) ? nameof(ClrValueHelpers.WriteInterval)
            : throw new InvalidOperationException($"No writer for {mapping}.");
        return Expression.Call(Helper(method), builder, value);
    }

    /// <summary>A boxed value of a vector (<see cref="ColumnVector.GetValue"/>) as <see cref="ClrTypeMapping.ClrType"/>.</summary>
    public static Expression FromExternal(ClrTypeMapping mapping, Expression boxed, string what)
    {
        switch (mapping.Kind)
        {
            case ClrTypeMappingKind.Scalar:
                return mapping.ClrAcceptsNull
                    ? Expression.Convert(boxed, mapping.ClrType)
                    : Expression.Call(Helper(nameof(ClrValueHelpers.Unbox)).MakeGenericMethod(mapping.ClrType), boxed, Expression.Constant(what));
            case ClrTypeMappingKind.Array or ClrTypeMappingKind.List:
            {
                var element = mapping.Children[0];
                var name = mapping.Kind == ClrTypeMappingKind.Array ? nameof(ClrValueHelpers.ToArray) : nameof(ClrValueHelpers.ToList);
                var call = Expression.Call(Helper(name).MakeGenericMethod(element.ClrType), boxed, Converter(element, "element", FromExternal));
                return ConvertIfNeeded(call, mapping.ClrType);
            }

            case ClrTypeMappingKind.Map:
            {
                var key = mapping.Children[0];
                var value = mapping.Children[1];
                var call = Expression.Call(Helper(nameof(ClrValueHelpers.ToDictionary)).MakeGenericMethod(key.ClrType, value.ClrType), boxed,
                    Converter(key, "map key", FromExternal), Converter(value, "map value", FromExternal));
                return ConvertIfNeeded(call, mapping.ClrType);
            }

            default:
                return FromFields(mapping, boxed);
        }
    }

    /// <summary>A value of <see cref="ClrTypeMapping.ClrType"/> (or of its underlying type) as the boxed value a builder appends.</summary>
    public static Expression ToExternal(ClrTypeMapping mapping, Expression value)
    {
        switch (mapping.Kind)
        {
            case ClrTypeMappingKind.Scalar:
                return Expression.Convert(value, typeof(object));
            case ClrTypeMappingKind.Array or ClrTypeMappingKind.List:
            {
                var element = mapping.Children[0];
                var sequence = typeof(IEnumerable<>).MakeGenericType(element.ClrType);
                return Expression.Call(Helper(nameof(ClrValueHelpers.FromEnumerable)).MakeGenericMethod(element.ClrType),
                    Expression.Convert(value, sequence), Converter(element, ToExternalOf));
            }

            case ClrTypeMappingKind.Map:
            {
                var key = mapping.Children[0];
                var mapped = mapping.Children[1];
                var entries = typeof(IEnumerable<>).MakeGenericType(typeof(KeyValuePair<,>).MakeGenericType(key.ClrType, mapped.ClrType));
                return Expression.Call(Helper(nameof(ClrValueHelpers.FromDictionary)).MakeGenericMethod(key.ClrType, mapped.ClrType),
                    Expression.Convert(value, entries), Converter(key, ToExternalOf), Converter(mapped, ToExternalOf));
            }

            default:
                return ToFields(mapping, value);
        }
    }

    /// <summary>The members of a row value as the <c>object?[]</c> of a ROW; null for a null value.</summary>
    private static Expression ToFields(ClrTypeMapping mapping, Expression value)
    {
        var temp = Expression.Variable(value.Type, "row");
        var instance = Nullable.GetUnderlyingType(value.Type) is not null ? Expression.Property(temp, "Value") : (Expression)temp;
        var fields = Expression.NewArrayInit(typeof(object),
            mapping.Children.Select((child, i) => ToExternal(child, Expression.MakeMemberAccess(instance, mapping.Members[i]))));
        Expression body = fields;
        if (!value.Type.IsValueType || Nullable.GetUnderlyingType(value.Type) is not null)
        {
            var isNull = Nullable.GetUnderlyingType(value.Type) is not null
                ? (Expression)Expression.Not(Expression.Property(temp, "HasValue"))
                : Expression.ReferenceEqual(temp, Expression.Constant(null, value.Type));
            body = Expression.Condition(isNull, Expression.Constant(null, typeof(object[])), fields);
        }

        return Expression.Block(typeof(object), [temp], Expression.Assign(temp, value), Expression.Convert(body, typeof(object)));
    }

    /// <summary>A row value created from the <c>object?[]</c> of a ROW (its constructor, or a parameterless constructor and setters).</summary>
    private static Expression FromFields(ClrTypeMapping mapping, Expression boxed)
    {
        var constructor = mapping.Constructor ?? throw new InvalidOperationException($"{mapping} cannot be created.");
        var fields = Expression.Variable(typeof(object[]), "fields");
        var values = mapping.Children.Select((child, i) =>
            FromExternal(child, Expression.ArrayIndex(fields, Expression.Constant(i)), $"field {mapping.SqlType.Fields[i].Name}")).ToArray();
        var parameters = constructor.GetParameters();
        Expression created = parameters.Length > 0
            ? Expression.New(constructor, mapping.ConstructorOrder.Select(i => values[i]))
            : Expression.MemberInit(Expression.New(constructor), mapping.Members.Select((m, i) => (MemberBinding)Expression.Bind(m, values[i])));
        var underlying = mapping.UnderlyingType;
        return Expression.Block(mapping.ClrType, [fields],
            Expression.Assign(fields, Expression.TypeAs(boxed, typeof(object[]))),
            Expression.Condition(Expression.ReferenceEqual(fields, Expression.Constant(null, typeof(object[]))),
                Expression.Default(mapping.ClrType),
                ConvertIfNeeded(ConvertIfNeeded(created, underlying), mapping.ClrType)));
    }

    private static Expression ToExternalOf(ClrTypeMapping mapping, Expression value, string what) => ToExternal(mapping, value);

    /// <summary>A lambda <c>object? → T</c> converting a boxed element.</summary>
    private static LambdaExpression Converter(ClrTypeMapping element, string what, Func<ClrTypeMapping, Expression, string, Expression> convert)
    {
        var parameter = Expression.Parameter(typeof(object), "boxed");
        return Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(object), element.ClrType),
            convert(element, parameter, what), parameter);
    }

    /// <summary>A lambda <c>T → object?</c> boxing an element.</summary>
    private static LambdaExpression Converter(ClrTypeMapping element, Func<ClrTypeMapping, Expression, string, Expression> convert)
    {
        var parameter = Expression.Parameter(element.ClrType, "value");
        return Expression.Lambda(typeof(Func<,>).MakeGenericType(element.ClrType, typeof(object)),
            convert(element, parameter, "element"), parameter);
    }

    /// <summary><paramref name="expression"/> converted to <paramref name="type"/> when its type differs.</summary>
    public static Expression ConvertIfNeeded(Expression expression, Type type) => expression.Type == type ? expression : Expression.Convert(expression, type);

    private static MethodInfo Helper(string name) =>
        typeof(ClrValueHelpers).GetMethod(name, BindingFlags.Public | BindingFlags.Static)
        ?? throw new InvalidOperationException($"ClrValueHelpers.{name} is missing.");
}
