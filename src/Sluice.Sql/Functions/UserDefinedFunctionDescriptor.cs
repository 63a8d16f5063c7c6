using System.Reflection;
using Sluice.Core.Types;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Functions;

/// <summary>
/// A user-defined function class as the planner and the runtime see it: its kind, its SQL signatures (one
/// <see cref="FunctionOverload"/> per <c>Eval</c> or <c>Accumulate</c> method), its output type, and how to create
/// instances. Built once per registration by <see cref="Create"/>, which validates the class; immutable.
/// </summary>
/// <remarks>
/// <para><b>Signature resolution.</b> A call picks the overload with as many parameters as it has arguments whose
/// parameter types the argument types equal or cast to implicitly (Flink's implicit casts: wider numbers, any string
/// length, <c>DATE</c> to <c>TIMESTAMP</c>, ...), preferring exact types, then the fewest and narrowest casts; the
/// arguments are then cast to the chosen parameter types. A variadic overload (a last <c>params T[]</c> parameter)
/// takes any number of trailing arguments of <c>T</c>'s type; an overload of fixed arity wins a tie against it. No match, or two equally good ones, is an error at the
/// call that lists the signatures.</para>
/// <para><b>Registration.</b> <c>CREATE FUNCTION</c> (see <see cref="UserDefinedFunctionLoader"/>), or from code:
/// <c>catalog.RegisterFunction(UserDefinedFunctionDescriptor.Create(typeof(Mask)).ToDefinition("mask"))</c>.</para>
/// </remarks>
public sealed class UserDefinedFunctionDescriptor
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters = new Dictionary<string, string>();

    private UserDefinedFunctionDescriptor(Type functionType, FunctionKind kind, IReadOnlyList<FunctionOverload> overloads, ClrTypeMapping? output,
        Type? accumulatorType, MethodInfo? merge, bool isDeterministic)
    {
        FunctionType = functionType;
        Kind = kind;
        Overloads = overloads;
        Output = output;
        AccumulatorType = accumulatorType;
        Merge = merge;
        IsDeterministic = isDeterministic;
    }

    /// <summary>The function class.</summary>
    public Type FunctionType { get; }

    /// <summary><see cref="FunctionKind.Scalar"/>, <see cref="FunctionKind.Table"/> or <see cref="FunctionKind.Aggregate"/>.</summary>
    public FunctionKind Kind { get; }

    /// <summary>The SQL signatures, in declaration order.</summary>
    public IReadOnlyList<FunctionOverload> Overloads { get; }

    /// <summary>A table function's row (its <c>TRow</c>), an aggregate's result (its <c>TResult</c>); null for scalar functions.</summary>
    public ClrTypeMapping? Output { get; }

    /// <summary>An aggregate's accumulator type; null otherwise.</summary>
    public Type? AccumulatorType { get; }

    /// <summary>An aggregate's <c>Merge</c> method, or null.</summary>
    public MethodInfo? Merge { get; }

    /// <summary>An aggregate's <c>CreateAccumulator</c> method; null otherwise.</summary>
    public MethodInfo? CreateAccumulatorMethod => Kind == FunctionKind.Aggregate ? FunctionType.GetMethod("CreateAccumulator", Type.EmptyTypes) : null;

    /// <summary>An aggregate's <c>GetValue</c> method; null otherwise.</summary>
    public MethodInfo? GetValueMethod => Kind == FunctionKind.Aggregate ? FunctionType.GetMethod("GetValue", [AccumulatorType!]) : null;

    /// <summary>What <see cref="UserDefinedFunction.IsDeterministic"/> says.</summary>
    public bool IsDeterministic { get; }

    /// <summary>
    /// Where <see cref="CreateContext"/> reads the job parameters from when a function opens (the session's
    /// configuration for functions created by <c>CREATE FUNCTION</c>); none by default.
    /// </summary>
    public Func<IReadOnlyDictionary<string, string>> JobParameters { get; private init; } = () => NoParameters;

    /// <summary>Describes <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">The class cannot be used as a function; the message says why.</exception>
    public static UserDefinedFunctionDescriptor Create<T>()
        where T : UserDefinedFunction, new() => Create(typeof(T));

    /// <summary>Describes the function class <paramref name="type"/>, checking that it can be used as a function.</summary>
    /// <exception cref="ArgumentException">
    /// The class cannot be used: it is not public, abstract or generic, has no public parameterless constructor, does not
    /// derive from <see cref="ScalarFunction"/>, <see cref="TableFunction{TRow}"/> or
    /// <see cref="AggregateFunction{TResult, TAccumulator}"/>, has no public <c>Eval</c> (or <c>Accumulate</c>) method,
    /// or uses a .NET type without SQL counterpart; the message says which.
    /// </exception>
    public static UserDefinedFunctionDescriptor Create(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = type.FullName ?? type.Name;
        if (!(type.IsPublic || type.IsNestedPublic))
        {
            throw new ArgumentException($"the class {name} is not public");
        }

        if (type.IsAbstract || type.IsInterface)
        {
            throw new ArgumentException($"the class {name} is abstract");
        }

        if (type.ContainsGenericParameters)
        {
            throw new ArgumentException($"the class {name} is generic; register a closed type");
        }

        if (!typeof(UserDefinedFunction).IsAssignableFrom(type))
        {
            throw new ArgumentException(
                $"the class {name} is not a function: it must derive from Sluice.Sql.Functions.ScalarFunction, TableFunction<TRow> or AggregateFunction<TResult, TAccumulator>");
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException($"the class {name} has no public parameterless constructor");
        }

        UserDefinedFunction instance;
        try
        {
            instance = (UserDefinedFunction)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e)
        {
            throw new ArgumentException($"the constructor of {name} failed: {e.InnerException?.Message ?? e.Message}", e);
        }

        var deterministic = instance.IsDeterministic;
        if (type.IsSubclassOf(typeof(ScalarFunction)))
        {
            return new UserDefinedFunctionDescriptor(type, FunctionKind.Scalar, ScalarOverloads(type, name), null, null, null, deterministic);
        }

        if (GenericBase(type, typeof(TableFunction<>)) is { } table)
        {
            var rowType = table.GetGenericArguments()[0];
            var output = ClrTypeMapping.Create(rowType, null, HintedOutput(type, $"the output of {name}"), $"the rows of {name}");
            return new UserDefinedFunctionDescriptor(type, FunctionKind.Table, TableOverloads(type, name, rowType), output, null, null, deterministic);
        }

        if (GenericBase(type, typeof(AggregateFunction<,>)) is { } aggregate)
        {
            return DescribeAggregate(type, name, aggregate, deterministic);
        }

        throw new ArgumentException(
            $"the class {name} derives from UserDefinedFunction directly; derive from ScalarFunction, TableFunction<TRow> or AggregateFunction<TResult, TAccumulator>");
    }

    /// <summary>A new, unopened instance of the function class.</summary>
    public UserDefinedFunction CreateInstance() => (UserDefinedFunction)Activator.CreateInstance(FunctionType)!;

    /// <summary>The context to open an instance with: the current job parameters.</summary>
    public FunctionContext CreateContext() => new(JobParameters());

    /// <summary>This descriptor with another source of job parameters.</summary>
    public UserDefinedFunctionDescriptor WithJobParameters(Func<IReadOnlyDictionary<string, string>> jobParameters)
    {
        ArgumentNullException.ThrowIfNull(jobParameters);
        return new UserDefinedFunctionDescriptor(FunctionType, Kind, Overloads, Output, AccumulatorType, Merge, IsDeterministic)
        {
            JobParameters = jobParameters,
        };
    }

    /// <summary>Every signature as SQL, separated by commas: <c>mask(STRING), mask(STRING, INT)</c>.</summary>
    public string SignaturesText(string name) => string.Join(", ", Overloads.Select(o => o.Format(name)));

    /// <summary>
    /// The overload a call with arguments of <paramref name="argumentTypes"/> uses (see the remarks), or null with the
    /// reason in <paramref name="error"/>.
    /// </summary>
    public FunctionOverload? Resolve(IReadOnlyList<DataType> argumentTypes, string name, out string? error)
    {
        ArgumentNullException.ThrowIfNull(argumentTypes);
        var best = new List<FunctionOverload>();
        var bestCost = int.MaxValue;
        foreach (var overload in Overloads.Where(o => o.Accepts(argumentTypes.Count)))
        {
            // A variadic overload costs a little more than a fixed one with the same conversions, so fixed ones win ties.
            var cost = overload.IsVariadic ? 1 : 0;
            for (var i = 0; i < argumentTypes.Count && cost >= 0; i++)
            {
                var step = ConversionCost(argumentTypes[i], overload.ParameterAt(i).SqlType);
                cost = step < 0 ? -1 : cost + (2 * step);
            }

            if (cost < 0 || cost > bestCost)
            {
                continue;
            }

            if (cost < bestCost)
            {
                best.Clear();
                bestCost = cost;
            }

            best.Add(overload);
        }

        var arguments = string.Join(", ", argumentTypes.Select(t => t.TypeId == TypeId.Null ? "NULL" : t.Nullable().ToString()));
        switch (best.Count)
        {
            case 1:
                error = null;
                return best[0];
            case 0:
                error = $"Invalid arguments for function {name}({arguments}); the signatures are: {SignaturesText(name)}";
                return null;
            default:
                error = $"The call {name}({arguments}) is ambiguous: it fits {string.Join(" and ", best.Select(o => o.Format(name)))} equally well; cast the arguments";
                return null;
        }
    }

    /// <summary>
    /// The catalog definition of this function under <paramref name="name"/>: the binder resolves calls with
    /// <see cref="Resolve"/>, casts the arguments to the chosen parameter types and infers the result type; the
    /// runtime finds this descriptor in <see cref="FunctionDefinition.Implementation"/>.
    /// </summary>
    public FunctionDefinition ToDefinition(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new FunctionDefinition(name, Kind, [FunctionSignature.Variadic(0, ArgumentFamily.Any)], call => ResultType(call, name))
        {
            CoerceOperands = (call, _) => Coercions(call, name),
            IsDeterministic = IsDeterministic,
            Implementation = this,
            Description = $"C# {KindName} function {FunctionType.FullName} ({FunctionType.Assembly.GetName().Name}): {SignaturesText(name)}",
        };
    }

    /// <summary>The result type of a call of the chosen overload.</summary>
    public DataType ResultType(FunctionOverload overload, IReadOnlyList<DataType> argumentTypes)
    {
        ArgumentNullException.ThrowIfNull(overload);
        ArgumentNullException.ThrowIfNull(argumentTypes);
        switch (Kind)
        {
            case FunctionKind.Table:
                return Output!.Kind == ClrTypeMappingKind.Row ? Output.SqlType.NotNull() : Output.SqlType;
            case FunctionKind.Aggregate:
                return Output!.SqlType.Nullable();
            default:
                // A NULL argument of a non-nullable parameter makes the result NULL without calling Eval.
                var propagates = argumentTypes.Where((t, i) => (t.IsNullable || t.TypeId == TypeId.Null) && !overload.ParameterAt(i).IsNullable).Any();
                return overload.Result!.SqlType.WithNullability(overload.Result.IsNullable || propagates);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{KindName} function {FunctionType.FullName}";

    private string KindName => Kind switch
    {
        FunctionKind.Table => "table",
        FunctionKind.Aggregate => "aggregate",
        _ => "scalar",
    };

    private DataType ResultType(CallContext call, string name)
    {
        var overload = Resolve(call.OperandTypes, name, out var error) ?? throw call.Error(error!);
        return ResultType(overload, call.OperandTypes);
    }

    private DataType?[] Coercions(CallContext call, string name)
    {
        var overload = Resolve(call.OperandTypes, name, out var error) ?? throw call.Error(error!);
        var targets = new DataType?[call.OperandCount];
        for (var i = 0; i < targets.Length; i++)
        {
            var operand = call.OperandType(i);
            var parameter = overload.ParameterAt(i).SqlType;
            if (operand.TypeId == TypeId.Null || !operand.EqualsIgnoringNullability(parameter))
            {
                targets[i] = parameter.WithNullability(operand.IsNullable || operand.TypeId == TypeId.Null);
            }
        }

        return targets;
    }

    /// <summary>0 for the same type, 1 for another length of the same string kind, 2 and up for implicit casts (wider is dearer), -1 for none.</summary>
    private static int ConversionCost(DataType argument, DataType parameter)
    {
        if (argument.TypeId == TypeId.Null || argument.EqualsIgnoringNullability(parameter))
        {
            return 0;
        }

        if ((TypeRules.IsCharacter(argument) && TypeRules.IsCharacter(parameter)) || (TypeRules.IsBinary(argument) && TypeRules.IsBinary(parameter)))
        {
            return 1;
        }

        if (!TypeRules.CanCastImplicitly(argument, parameter))
        {
            return -1;
        }

        return TypeRules.IsNumeric(argument) && TypeRules.IsNumeric(parameter)
            ? 2 + Math.Max(0, TypeRules.NumericRank(parameter) - TypeRules.NumericRank(argument))
            : 2;
    }

    private static Type? GenericBase(Type type, Type definition)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == definition)
            {
                return t;
            }
        }

        return null;
    }

    private static DataType? HintedOutput(Type type, string where) =>
        type.GetCustomAttribute<FunctionHintAttribute>(true)?.Output is { } output ? ClrTypeMapping.ParseType(output, where) : null;

    private static IEnumerable<MethodInfo> PublicMethods(Type type, string name) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == name).OrderBy(m => m.MetadataToken);

    private static IReadOnlyList<FunctionOverload> ScalarOverloads(Type type, string name)
    {
        var overloads = new List<FunctionOverload>();
        var context = new NullabilityInfoContext();
        foreach (var method in PublicMethods(type, "Eval"))
        {
            var where = $"{name}.{Describe(method)}";
            if (method.ReturnType == typeof(void))
            {
                throw new ArgumentException($"{where} returns nothing; the Eval methods of a scalar function return the result");
            }

            var result = ClrTypeMapping.Create(method.ReturnType, context.Create(method.ReturnParameter),
                ClrTypeMapping.DeclaredType(method.ReturnParameter, $"the result of {where}"), $"the result of {where}");
            overloads.Add(new FunctionOverload(method, Parameters(method, 0, where, context, out var variadic), result, null, variadic));
        }

        return Checked(overloads, name, "Eval");
    }

    private static IReadOnlyList<FunctionOverload> TableOverloads(Type type, string name, Type rowType)
    {
        var overloads = new List<FunctionOverload>();
        var context = new NullabilityInfoContext();
        var rows = typeof(IEnumerable<>).MakeGenericType(rowType);
        foreach (var method in PublicMethods(type, "Eval"))
        {
            var where = $"{name}.{Describe(method)}";
            if (method.ReturnType != typeof(void) && !rows.IsAssignableFrom(method.ReturnType))
            {
                throw new ArgumentException(
                    $"{where} returns {ClrTypeMapping.Describe(method.ReturnType)}; the Eval methods of a table function return void (and call Collect) or IEnumerable<{ClrTypeMapping.Describe(rowType)}>");
            }

            overloads.Add(new FunctionOverload(method, Parameters(method, 0, where, context, out var variadic), null, null, variadic));
        }

        return Checked(overloads, name, "Eval");
    }

    private static UserDefinedFunctionDescriptor DescribeAggregate(Type type, string name, Type aggregate, bool deterministic)
    {
        var arguments = aggregate.GetGenericArguments();
        var resultType = arguments[0];
        var accumulatorType = arguments[1];
        var context = new NullabilityInfoContext();
        var getValue = type.GetMethod("GetValue", [accumulatorType])!;
        var declared = ClrTypeMapping.DeclaredType(getValue.ReturnParameter, $"the result of {name}") ?? HintedOutput(type, $"the output of {name}");
        var output = ClrTypeMapping.Create(resultType, context.Create(getValue.ReturnParameter), declared, $"the result of {name}");
        if (output.Kind != ClrTypeMappingKind.Scalar)
        {
            throw new ArgumentException($"the result of {name} is {output.SqlType.NotNull()}; aggregate functions return non-nested types only");
        }

        var retracts = AccumulatorMethods(type, "Retract", accumulatorType, name).ToList();
        var overloads = new List<FunctionOverload>();
        foreach (var method in AccumulatorMethods(type, "Accumulate", accumulatorType, name))
        {
            var where = $"{name}.{Describe(method)}";
            var parameterTypes = method.GetParameters().Skip(1).Select(p => p.ParameterType).ToArray();
            var retract = retracts.FirstOrDefault(r => r.GetParameters().Skip(1).Select(p => p.ParameterType).SequenceEqual(parameterTypes));
            var parameters = Parameters(method, 1, where, context, out var variadic);
            if (variadic)
            {
                throw new ArgumentException($"{where} takes a params array; aggregate functions take a fixed number of arguments");
            }

            overloads.Add(new FunctionOverload(method, parameters, null, retract));
        }

        if (overloads.Count == 0)
        {
            throw new ArgumentException(
                $"the class {name} has no public method Accumulate({ClrTypeMapping.Describe(accumulatorType)} accumulator, ...) returning void");
        }

        foreach (var retract in retracts.Where(r => overloads.All(o => o.Retract != r)))
        {
            throw new ArgumentException($"{name}.{Describe(retract)} has no Accumulate method with the same parameters");
        }

        var merges = PublicMethods(type, "Merge").ToList();
        var merge = merges.FirstOrDefault(m => IsMerge(m, accumulatorType));
        if (merge is null && merges.Count > 0)
        {
            throw new ArgumentException(
                $"{name}.{Describe(merges[0])} is not a merge method: write void Merge({ClrTypeMapping.Describe(accumulatorType)} accumulator, {ClrTypeMapping.Describe(accumulatorType)} other) or take an IEnumerable<{ClrTypeMapping.Describe(accumulatorType)}>");
        }

        return new UserDefinedFunctionDescriptor(type, FunctionKind.Aggregate, Checked(overloads, name, "Accumulate"), output, accumulatorType, merge,
            deterministic);
    }

    private static bool IsMerge(MethodInfo method, Type accumulatorType)
    {
        var parameters = method.GetParameters();
        return parameters.Length == 2 && parameters[0].ParameterType == accumulatorType && method.ReturnType == typeof(void)
            && (parameters[1].ParameterType == accumulatorType || parameters[1].ParameterType == typeof(IEnumerable<>).MakeGenericType(accumulatorType));
    }

    private static IEnumerable<MethodInfo> AccumulatorMethods(Type type, string methodName, Type accumulatorType, string name)
    {
        foreach (var method in PublicMethods(type, methodName))
        {
            var parameters = method.GetParameters();
            if (parameters.Length == 0 || parameters[0].ParameterType != accumulatorType || method.ReturnType != typeof(void))
            {
                throw new ArgumentException(
                    $"{name}.{Describe(method)} must return void and take the accumulator ({ClrTypeMapping.Describe(accumulatorType)}) as its first parameter");
            }

            yield return method;
        }
    }

    /// <summary>The SQL parameters of a method; a last <c>params T[]</c> parameter maps as <c>T</c> and sets <paramref name="variadic"/>.</summary>
    private static ClrTypeMapping[] Parameters(MethodInfo method, int skip, string where, NullabilityInfoContext context, out bool variadic)
    {
        if (method.IsGenericMethodDefinition)
        {
            throw new ArgumentException($"{where} is generic; function methods take concrete types");
        }

        var parameters = method.GetParameters().Skip(skip).ToArray();
        var mappings = new ClrTypeMapping[parameters.Length];
        variadic = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var what = $"parameter '{parameter.Name}' of {where}";
            if (parameter.ParameterType.IsByRef || parameter.IsOut)
            {
                throw new ArgumentException($"{what} is passed by reference; function parameters are passed by value");
            }

            if (i == parameters.Length - 1 && parameter.IsDefined(typeof(ParamArrayAttribute), false) && parameter.ParameterType.IsArray)
            {
                // Flink's varargs: each trailing argument is one element; [SqlType] on the parameter types the elements.
                variadic = true;
                mappings[i] = ClrTypeMapping.Create(parameter.ParameterType.GetElementType()!, context.Create(parameter).ElementType,
                    ClrTypeMapping.DeclaredType(parameter, what), what);
            }
            else
            {
                mappings[i] = ClrTypeMapping.Create(parameter.ParameterType, context.Create(parameter), ClrTypeMapping.DeclaredType(parameter, what), what);
            }

            if (!mappings[i].CanCreate)
            {
                throw new ArgumentException(
                    $"{what} has the type {ClrTypeMapping.Describe(parameter.ParameterType)}, whose values cannot be created: a ROW parameter needs a public constructor taking every property, or a parameterless constructor and settable properties");
            }
        }

        return mappings;
    }

    private static IReadOnlyList<FunctionOverload> Checked(List<FunctionOverload> overloads, string name, string methodName)
    {
        if (overloads.Count == 0)
        {
            throw new ArgumentException($"the class {name} has no public {methodName} method");
        }

        for (var i = 0; i < overloads.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (overloads[i].IsVariadic == overloads[j].IsVariadic
                    && overloads[i].Parameters.Select(p => p.SqlType.Nullable()).SequenceEqual(overloads[j].Parameters.Select(p => p.SqlType.Nullable())))
                {
                    throw new ArgumentException(
                        $"{name}.{Describe(overloads[j].Method)} and {Describe(overloads[i].Method)} have the same SQL signature {overloads[i].Format(methodName)}; declare distinct SQL types with [SqlType]");
                }
            }
        }

        return overloads;
    }

    private static string Describe(MethodInfo method) =>
        $"{method.Name}({string.Join(", ", method.GetParameters().Select(p => ClrTypeMapping.Describe(p.ParameterType)))})";
}
