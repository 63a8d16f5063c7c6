using System.Linq.Expressions;
using System.Reflection;
using Sluice.Core.Vectors;
using Sluice.Sql.Functions;

namespace Sluice.Sql.Physical.Udf;

/// <summary>
/// Compiles the delegates that call a user-defined function's methods on one row of argument columns: the arguments
/// are read straight from the vectors into the method's .NET parameter types, the method is called on the instance
/// directly (no reflection per row), and the result is appended to a typed builder. Arguments of non-nullable
/// parameters are checked for SQL NULL first: such a row gives NULL (scalar), no rows (table) or is skipped
/// (aggregate) without calling the method.
/// </summary>
internal static class UserDefinedInvokers
{
    /// <summary><c>(arguments, row, output)</c>: appends the result of <c>Eval</c> for <c>row</c> of the argument vectors to <c>output</c>.</summary>
    public static Action<ColumnVector[], int, ColumnVectorBuilder> Scalar(UserDefinedFunction instance, FunctionOverload overload, string name,
        int argumentCount)
    {
        var arguments = Expression.Parameter(typeof(ColumnVector[]), "arguments");
        var row = Expression.Parameter(typeof(int), "row");
        var output = Expression.Parameter(typeof(ColumnVectorBuilder), "output");
        var result = overload.Result!;
        var parameters = ArgumentParameters(overload, argumentCount);
        var call = Call(instance, overload, overload.Method, null, parameters, arguments, row);
        var onNull = result.IsNullable
            ? null
            : Expression.Throw(Expression.Call(typeof(ClrValueHelpers).GetMethod(nameof(ClrValueHelpers.NullResult))!,
                Expression.Constant(name), Expression.Constant(result.SqlType.ToString())));
        var body = Guarded(parameters, arguments, row, ClrValueExpressions.Write(result, output, call, onNull),
            ClrValueExpressions.AppendNull(output));
        return Expression.Lambda<Action<ColumnVector[], int, ColumnVectorBuilder>>(body, arguments, row, output).Compile();
    }

    /// <summary>
    /// <c>(arguments, row)</c>: calls <c>Eval</c> for <c>row</c>; the rows it collects or returns go to
    /// <paramref name="collector"/> (an <c>Action&lt;TRow&gt;</c>).
    /// </summary>
    public static Action<ColumnVector[], int> Table(UserDefinedFunction instance, FunctionOverload overload, Type rowType, Delegate collector,
        int argumentCount)
    {
        var arguments = Expression.Parameter(typeof(ColumnVector[]), "arguments");
        var row = Expression.Parameter(typeof(int), "row");
        var parameters = ArgumentParameters(overload, argumentCount);
        var call = Call(instance, overload, overload.Method, null, parameters, arguments, row);
        Expression body = overload.ReturnsRows
            ? Expression.Call(typeof(ClrValueHelpers).GetMethod(nameof(ClrValueHelpers.Drain))!.MakeGenericMethod(rowType),
                ClrValueExpressions.ConvertIfNeeded(call, typeof(IEnumerable<>).MakeGenericType(rowType)), Expression.Constant(collector))
            : call;
        body = Guarded(parameters, arguments, row, body, Expression.Empty());
        return Expression.Lambda<Action<ColumnVector[], int>>(body, arguments, row).Compile();
    }

    /// <summary>
    /// The collector of a table function (an <c>Action&lt;TRow&gt;</c>): appends the row's fields to
    /// <see cref="TableFunctionSink.Builders"/> (a null row is a row of nulls) and tells the sink.
    /// </summary>
    public static Delegate Collector(ClrTypeMapping output, Type rowType, TableFunctionSink sink)
    {
        var value = Expression.Parameter(rowType, "row");
        var builders = Expression.Field(Expression.Constant(sink), nameof(TableFunctionSink.Builders));
        Expression Builder(int i) => Expression.ArrayIndex(builders, Expression.Constant(i));
        Expression write;
        if (output.Kind == ClrTypeMappingKind.Row)
        {
            var mapping = output;
            var isNullable = Nullable.GetUnderlyingType(rowType) is not null;
            var instance = isNullable ? Expression.Property(value, "Value") : (Expression)value;
            var fields = output.Children.Select((child, i) => ClrValueExpressions.Write(child, Builder(i), Expression.MakeMemberAccess(instance, mapping.Members[i])));
            write = Expression.Block(fields);
            if (!rowType.IsValueType || isNullable)
            {
                var isNull = isNullable
                    ? (Expression)Expression.Not(Expression.Property(value, "HasValue"))
                    : Expression.ReferenceEqual(value, Expression.Constant(null, rowType));
                write = Expression.IfThenElse(isNull, Expression.Block(output.Children.Select((_, i) => ClrValueExpressions.AppendNull(Builder(i)))), write);
            }
        }
        else
        {
            write = ClrValueExpressions.Write(output, Builder(0), value);
        }

        var body = Expression.Block(write, Expression.Call(Expression.Constant(sink), typeof(TableFunctionSink).GetMethod(nameof(TableFunctionSink.Emitted))!));
        return Expression.Lambda(typeof(Action<>).MakeGenericType(rowType), body, value).Compile();
    }

    /// <summary><c>(accumulator, arguments, row)</c>: calls <paramref name="method"/> (<c>Accumulate</c> or <c>Retract</c>) for <c>row</c>.</summary>
    public static Action<object, ColumnVector[], int> Accumulate(UserDefinedFunction instance, MethodInfo method, FunctionOverload overload, Type accumulatorType)
    {
        var accumulator = Expression.Parameter(typeof(object), "accumulator");
        var arguments = Expression.Parameter(typeof(ColumnVector[]), "arguments");
        var row = Expression.Parameter(typeof(int), "row");
        var call = Call(instance, overload, method, Expression.Convert(accumulator, accumulatorType), overload.Parameters, arguments, row);
        var body = Guarded(overload.Parameters, arguments, row, call, Expression.Empty());
        return Expression.Lambda<Action<object, ColumnVector[], int>>(body, accumulator, arguments, row).Compile();
    }

    /// <summary>Calls <c>CreateAccumulator</c>.</summary>
    public static Func<object> CreateAccumulator(UserDefinedFunction instance, UserDefinedFunctionDescriptor descriptor)
    {
        var method = descriptor.CreateAccumulatorMethod!;
        return Expression.Lambda<Func<object>>(Expression.Convert(Expression.Call(Target(instance, method), method), typeof(object))).Compile();
    }

    /// <summary>Calls <c>GetValue</c> and boxes the result.</summary>
    public static Func<object, object?> GetValue(UserDefinedFunction instance, UserDefinedFunctionDescriptor descriptor)
    {
        var method = descriptor.GetValueMethod!;
        var accumulator = Expression.Parameter(typeof(object), "accumulator");
        var call = Expression.Call(Target(instance, method), method, Expression.Convert(accumulator, descriptor.AccumulatorType!));
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(call, typeof(object)), accumulator).Compile();
    }

    /// <summary>Calls <c>Merge(target, source)</c> (or <c>Merge(target, [source])</c>); null when the function has no <c>Merge</c>.</summary>
    public static Action<object, object>? Merge(UserDefinedFunction instance, UserDefinedFunctionDescriptor descriptor)
    {
        if (descriptor.Merge is not { } method)
        {
            return null;
        }

        var type = descriptor.AccumulatorType!;
        var target = Expression.Parameter(typeof(object), "target");
        var source = Expression.Parameter(typeof(object), "source");
        var other = method.GetParameters()[1].ParameterType == type
            ? (Expression)Expression.Convert(source, type)
            : Expression.NewArrayInit(type, Expression.Convert(source, type));
        var call = Expression.Call(Target(instance, method), method, Expression.Convert(target, type), other);
        return Expression.Lambda<Action<object, object>>(call, target, source).Compile();
    }

    private static Expression Target(UserDefinedFunction instance, MethodInfo method) => Expression.Constant(instance, method.DeclaringType!);

    /// <summary>The parameter of each of <paramref name="argumentCount"/> arguments (the <c>params</c> element repeats).</summary>
    private static ClrTypeMapping[] ArgumentParameters(FunctionOverload overload, int argumentCount)
    {
        if (!overload.Accepts(argumentCount))
        {
            throw new ArgumentException($"{overload} does not take {argumentCount} arguments.", nameof(argumentCount));
        }

        return Enumerable.Range(0, argumentCount).Select(overload.ParameterAt).ToArray();
    }

    /// <summary>
    /// The call of <paramref name="method"/> with the arguments read from the vectors (after <paramref name="first"/>, if
    /// any); the trailing arguments of a variadic overload are passed as one array.
    /// </summary>
    private static MethodCallExpression Call(UserDefinedFunction instance, FunctionOverload overload, MethodInfo method, Expression? first,
        IReadOnlyList<ClrTypeMapping> parameters, ParameterExpression arguments, ParameterExpression row)
    {
        var values = new List<Expression>();
        if (first is not null)
        {
            values.Add(first);
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var vector = Expression.ArrayIndex(arguments, Expression.Constant(i));
            var parameter = parameters[i];
            values.Add(parameter.IsNullable
                ? ClrValueExpressions.Read(parameter, vector, row)
                : ClrValueExpressions.ConvertIfNeeded(ClrValueExpressions.ReadNonNull(parameter, vector, row), parameter.ClrType));
        }

        if (overload.IsVariadic)
        {
            var fixedValues = (first is null ? 0 : 1) + overload.FixedCount;
            var elementType = method.GetParameters()[^1].ParameterType.GetElementType()!;
            var packed = Expression.NewArrayInit(elementType, values.Skip(fixedValues).Select(v => ClrValueExpressions.ConvertIfNeeded(v, elementType)));
            values = [.. values.Take(fixedValues), packed];
        }

        return Expression.Call(Target(instance, method), method, values);
    }

    /// <summary><paramref name="body"/>, or <paramref name="onNull"/> when an argument of a non-nullable parameter is NULL.</summary>
    private static Expression Guarded(IReadOnlyList<ClrTypeMapping> parameters, ParameterExpression arguments, ParameterExpression row, Expression body,
        Expression onNull)
    {
        Expression? anyNull = null;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].IsNullable)
            {
                continue;
            }

            var test = ClrValueExpressions.IsNull(Expression.ArrayIndex(arguments, Expression.Constant(i)), row);
            anyNull = anyNull is null ? test : Expression.OrElse(anyNull, test);
        }

        return anyNull is null ? body : Expression.IfThenElse(anyNull, onNull, body);
    }
}
