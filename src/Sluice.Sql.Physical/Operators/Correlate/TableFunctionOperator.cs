using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Functions;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Physical.Udf;

namespace Sluice.Sql.Physical.Operators.Correlate;

/// <summary>
/// Flink SQL's correlate with a C# table function: <c>FROM t, LATERAL TABLE(f(t.a, ...)) AS x(...)</c>,
/// <c>CROSS JOIN LATERAL TABLE(...)</c> and <c>LEFT JOIN LATERAL TABLE(...) ON TRUE</c>. For every input row the
/// function's <c>Eval</c> is called with the argument expressions over that row; each row it emits (through
/// <c>Collect</c> or the returned sequence) becomes an output row: the input columns followed by the function's columns.
/// </summary>
/// <remarks>
/// <para><b>Output schema.</b> The input columns (with the input's row time), then one column per field of the
/// function's row type (a single column <c>f0</c> for a non-row type), renamed by <c>columnNames</c>; a column named like
/// an earlier one gets a numeric suffix. With <c>leftOuter</c> the function's columns are nullable.</para>
/// <para><b>No rows.</b> Inner: the input row produces nothing. Left outer: it produces one row whose function columns
/// are null. A NULL argument of a non-nullable <c>Eval</c> parameter means no rows.</para>
/// <para><b>Changelog.</b> Every output row has the kind of its input row, so updating inputs work (a deterministic
/// function emits the same rows for the retraction as for the insertion).</para>
/// <para><b>Execution.</b> The arguments are compiled expressions; <c>Eval</c> is called through a delegate compiled in
/// <see cref="Open"/>, which reads the argument vectors into .NET values; the collected rows are appended to typed
/// builders. The function instance is opened in <see cref="Open"/> and closed in <see cref="Close"/>.</para>
/// <para><b>State.</b> None. <b>Threading.</b> Task thread only. <b>Lifecycle.</b> Each input batch is consumed and
/// at most one output batch emitted; watermarks are forwarded unchanged.</para>
/// </remarks>
public sealed class TableFunctionOperator : StreamOperator
{
    private readonly Schema _inputSchema;
    private readonly string _functionName;
    private readonly UserDefinedFunctionDescriptor _function;
    private readonly IReadOnlyList<BoundExpression> _arguments;
    private readonly bool _leftOuter;
    private readonly TimeZoneInfo _timeZone;
    private readonly Field[] _functionFields;
    private CompiledExpression[]? _compiled;
    private UserDefinedFunction? _instance;
    private TableFunctionSink? _sink;
    private Action<ColumnVector[], int>? _invoke;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="functionName">The function's SQL name, for errors.</param>
    /// <param name="function">The table function.</param>
    /// <param name="arguments">The argument expressions over the input row.</param>
    /// <param name="leftOuter">True for <c>LEFT JOIN LATERAL TABLE(...) ON TRUE</c>: keep input rows without function rows.</param>
    /// <param name="columnNames">The names of the function's columns (the alias list), or null for the row type's names.</param>
    /// <param name="sessionTimeZone">The session time zone of the argument expressions.</param>
    /// <exception cref="ArgumentException">The function is not a table function, no <c>Eval</c> fits the argument types, or the number of names is wrong.</exception>
    public TableFunctionOperator(Schema inputSchema, string functionName, UserDefinedFunctionDescriptor function, IReadOnlyList<BoundExpression> arguments,
        bool leftOuter = false, IReadOnlyList<string>? columnNames = null, TimeZoneInfo? sessionTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(functionName);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(arguments);
        if (function.Kind != FunctionKind.Table)
        {
            throw new ArgumentException($"{functionName} is a {function.Kind.ToString().ToLowerInvariant()} function, not a table function.", nameof(function));
        }

        var types = arguments.Select(a => ExpressionCompiler.Compile(a, inputSchema).Type).ToArray();
        Overload = function.Resolve(types, functionName, out var error) ?? throw new ArgumentException(error, nameof(arguments));

        // The planner casts the arguments to the parameter types; arguments built by hand may need the casts still.
        arguments = arguments.Select((a, i) => types[i].EqualsIgnoringNullability(Overload.ParameterAt(i).SqlType)
            ? a
            : new BoundCast(a, Overload.ParameterAt(i).SqlType.WithNullability(types[i].IsNullable))).ToArray();
        var output = function.Output!;
        var fields = output.Kind == ClrTypeMappingKind.Row
            ? output.SqlType.Fields.ToArray()
            : [new Field("f0", output.SqlType)];
        if (columnNames is not null)
        {
            if (columnNames.Count != fields.Length)
            {
                throw new ArgumentException($"The table function {functionName} produces {fields.Length} columns, but {columnNames.Count} names were given.",
                    nameof(columnNames));
            }

            fields = fields.Select((f, i) => new Field(columnNames[i], f.DataType)).ToArray();
        }

        if (leftOuter)
        {
            fields = fields.Select(f => f.WithDataType(f.DataType.Nullable())).ToArray();
        }

        _inputSchema = inputSchema;
        _functionName = functionName;
        _function = function;
        _arguments = arguments.ToArray();
        _leftOuter = leftOuter;
        _timeZone = sessionTimeZone ?? TimeZoneInfo.Utc;
        _functionFields = fields;
        OutputSchema = new Schema(Joins.JoinSupport.UniqueNames(inputSchema.Fields.Concat(fields)), inputSchema.RowTimeIndex);
    }

    /// <summary>The output schema: the input columns, then the function's columns.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The <c>Eval</c> overload the arguments use.</summary>
    public FunctionOverload Overload { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        var environment = new ExpressionEnvironment(_timeZone, context.TimeProvider);
        _compiled = _arguments.Select(a => ExpressionCompiler.Compile(a, _inputSchema, environment)).ToArray();
        var instance = _function.CreateInstance();
        var rowType = instance.GetType().BaseType!;
        while (!rowType.IsGenericType || rowType.GetGenericTypeDefinition() != typeof(TableFunction<>))
        {
            rowType = rowType.BaseType!;
        }

        var setCollector = rowType.GetMethod(nameof(TableFunction<object>.SetCollector))!;
        rowType = rowType.GetGenericArguments()[0];
        _sink = new TableFunctionSink();
        var collector = UserDefinedInvokers.Collector(_function.Output!, rowType, _sink);
        setCollector.Invoke(instance, [collector]);
        _invoke = UserDefinedInvokers.Table(instance, Overload, rowType, collector, _arguments.Count);
        Run("Open", () => instance.Open(_function.CreateContext()));
        _instance = instance;
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(TableFunctionOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var compiled = _compiled ?? throw new InvalidOperationException($"{nameof(TableFunctionOperator)} is not open.");
        var sink = _sink!;
        var vectors = new ColumnVector[compiled.Length];
        var columns = new List<ColumnVector>(OutputSchema.Count);
        sink.Builders = _functionFields.Select(f => ColumnVectorBuilder.Create(f.DataType, Math.Max(1, records.RowCount))).ToArray();
        sink.Parents.Clear();
        try
        {
            for (var k = 0; k < vectors.Length; k++)
            {
                vectors[k] = compiled[k].Evaluate(records);
            }

            Run("Eval", () =>
            {
                for (var i = 0; i < records.RowCount; i++)
                {
                    var physical = records.PhysicalRow(i);
                    var before = sink.Parents.Count;
                    sink.Current = physical;
                    _invoke!(vectors, physical);
                    if (_leftOuter && sink.Parents.Count == before)
                    {
                        sink.Emitted();
                        foreach (var builder in sink.Builders)
                        {
                            builder.AppendNull();
                        }
                    }
                }
            });

            if (sink.Parents.Count == 0)
            {
                return;
            }

            var parents = sink.Parents.ToArray();
            for (var c = 0; c < _inputSchema.Count; c++)
            {
                columns.Add(records.Column(c).Gather(parents));
            }

            foreach (var builder in sink.Builders)
            {
                columns.Add(builder.Build());
            }

            RowKind[]? kinds = null;
            if (records.HasRowKinds)
            {
                kinds = new RowKind[parents.Length];
                for (var i = 0; i < kinds.Length; i++)
                {
                    kinds[i] = records.GetRowKind(parents[i]);
                }
            }

            output.Collect(new RecordBatch(OutputSchema, columns, parents.Length, kinds));
            columns.Clear();
        }
        finally
        {
            foreach (var column in columns)
            {
                column.Dispose();
            }

            foreach (var vector in vectors)
            {
                vector?.Dispose();
            }

            foreach (var builder in sink.Builders)
            {
                builder.Dispose();
            }

            sink.Builders = [];
            sink.Parents.Clear();
        }
    }

    /// <inheritdoc />
    public override void Close()
    {
        var instance = _instance;
        _instance = null;
        if (instance is not null)
        {
            Run("Close", instance.Close);
        }

        base.Close();
    }

    private void Run(string method, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is not SluiceException)
        {
            throw new SluiceException($"The table function {_functionName} ({_function.FunctionType.FullName}) failed in {method}: {e.Message}",
                ErrorDomain.User, RetryHint.None, e);
        }
    }
}
