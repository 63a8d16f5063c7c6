using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// Windowing table functions: <c>TABLE(TUMBLE(TABLE t, DESCRIPTOR(time), size [, offset]))</c>, <c>HOP</c>,
/// <c>CUMULATE</c> and <c>SESSION</c>, with positional or named arguments. The time column must be a time attribute;
/// sizes are positive day-time interval literals.
/// </summary>
internal sealed partial class Binder
{
    private (LogicalPlan Plan, IReadOnlyList<ScopeTable> Tables) BindWindowTableFunction(TableFunctionReference reference, FunctionDefinition function)
    {
        var call = reference.Call;
        var (kind, parameters, required) = function.Name.ToUpperInvariant() switch
        {
            "TUMBLE" => (WindowKind.Tumble, new[] { "DATA", "TIMECOL", "SIZE", "OFFSET" }, 3),
            "HOP" => (WindowKind.Hop, new[] { "DATA", "TIMECOL", "SLIDE", "SIZE", "OFFSET" }, 4),
            "CUMULATE" => (WindowKind.Cumulate, new[] { "DATA", "TIMECOL", "STEP", "SIZE", "OFFSET", "EMITONLYONUPDATE" }, 4),
            _ => (WindowKind.Session, new[] { "DATA", "TIMECOL", "GAP" }, 3),
        };
        var arguments = ArrangeArguments(call, function, parameters, required);

        if (arguments[0] is not TableArgument data)
        {
            throw Invalid(arguments[0]!.Span, $"The first argument of {function.Name} must be a table: TABLE name");
        }

        if (data.OrderBy.Count > 0)
        {
            throw NotSupported(data.Span, "ORDER BY on a table argument is not supported");
        }

        if (data.PartitionBy.Count > 0 && kind != WindowKind.Session)
        {
            throw Invalid(data.Span, $"PARTITION BY on the table argument is only allowed for SESSION windows, not {function.Name}");
        }

        var input = ResolveNamedTable(data.Table, NodeList<Hint>.Empty);
        var tableName = data.Table.Last.Value;
        var clash = input.Schema.Names.FirstOrDefault(n => n is "window_start" or "window_end" or "window_time");
        if (clash is not null)
        {
            throw Invalid(data.Span,
                $"The table '{tableName}' already has a column named '{clash}', which {function.Name} adds; rename it in the input (for example window_start AS minute_start)");
        }

        if (arguments[1] is not DescriptorExpression { Columns.Count: 1 } descriptor)
        {
            throw Invalid(arguments[1]!.Span, $"The second argument of {function.Name} must name the time column: DESCRIPTOR(column)");
        }

        var timeName = descriptor.Columns[0];
        var timeColumn = input.Schema.IndexOf(timeName.Value);
        if (timeColumn < 0)
        {
            throw NotFound(timeName.Span, $"Column '{timeName.Value}' not found in table '{tableName}'"
                + NameSuggestions.DidYouMean(timeName.Value, input.Schema.Names));
        }

        var time = input.Schema[timeColumn];
        if (time.TimeAttribute == TimeAttribute.None)
        {
            throw Invalid(descriptor.Span,
                $"The time column '{time.Name}' of {function.Name} must be a time attribute (a rowtime column with a watermark, or PROCTIME()), " +
                $"but it is a regular {time.Type} column");
        }

        TimeSpan? Interval(int index) => arguments[index] is null ? null : WindowInterval(arguments[index]!, parameters[index], function.Name);
        TimeSpan size;
        TimeSpan? step = null;
        TimeSpan? offset = null;
        switch (kind)
        {
            case WindowKind.Tumble:
                size = Interval(2)!.Value;
                offset = Interval(3);
                break;
            case WindowKind.Session:
                size = Interval(2)!.Value;
                break;
            default:
                step = Interval(2)!.Value;
                size = Interval(3)!.Value;
                offset = Interval(4);
                if (size.Ticks % step.Value.Ticks != 0)
                {
                    throw Invalid(arguments[3]!.Span, $"The size of a {function.Name} window must be a whole multiple of its {parameters[2].ToLowerInvariant()}");
                }

                break;
        }

        var partitionKeys = data.PartitionBy.Select(key =>
        {
            if (key is not IdentifierExpression { Name.IsSimple: true } identifier)
            {
                throw Invalid(key.Span, "A PARTITION BY key of a table argument must be a column name");
            }

            var index = input.Schema.IndexOf(identifier.Name.Last.Value);
            return index >= 0
                ? index
                : throw NotFound(key.Span, $"Column '{identifier.Name.Last.Value}' not found in table '{tableName}'"
                    + NameSuggestions.DidYouMean(identifier.Name.Last.Value, input.Schema.Names));
        }).ToNodeList();

        var emitOnlyOnUpdate = kind == WindowKind.Cumulate && arguments[5] is not null && EmitOnlyOnUpdateArgument(arguments[5]!, function.Name);
        var plan = new WindowTableFunction(input, kind, timeColumn, size, step, offset, partitionKeys) { EmitOnlyOnUpdate = emitOnlyOnUpdate };
        return Aliased(plan, reference.Alias, null);
    }

    /// <summary>The arguments in parameter order, from positional or named (<c>SIZE =&gt; ...</c>) arguments.</summary>
    private static SqlExpression?[] ArrangeArguments(FunctionCall call, FunctionDefinition function, string[] parameters, int required)
    {
        var arguments = new SqlExpression?[parameters.Length];
        var named = call.Arguments.Count(a => a is NamedArgument);
        if (named > 0 && named < call.Arguments.Count)
        {
            throw Invalid(call.Span, $"The arguments of {function.Name} must be all positional or all named");
        }

        if (named > 0)
        {
            foreach (var argument in call.Arguments.Cast<NamedArgument>())
            {
                var index = Array.FindIndex(parameters, p => string.Equals(p, argument.Name.Value, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    throw NotFound(argument.Name.Span, $"{function.Name} has no parameter '{argument.Name.Value}'; its parameters are {string.Join(", ", parameters)}");
                }

                if (arguments[index] is not null)
                {
                    throw Invalid(argument.Name.Span, $"The parameter {parameters[index]} of {function.Name} is given twice");
                }

                arguments[index] = argument.Value;
            }
        }
        else
        {
            if (call.Arguments.Count > parameters.Length)
            {
                throw Invalid(call.Span, $"{function.Name} takes at most {parameters.Length} arguments: {function.Description}");
            }

            for (var i = 0; i < call.Arguments.Count; i++)
            {
                arguments[i] = call.Arguments[i];
            }
        }

        for (var i = 0; i < required; i++)
        {
            if (arguments[i] is null)
            {
                throw Invalid(call.Span, $"{function.Name} needs the argument {parameters[i]}: {function.Description}");
            }
        }

        return arguments;
    }

    private bool EmitOnlyOnUpdateArgument(SqlExpression argument, string function)
    {
        var bound = BindExpression(argument, new ExpressionContext(Scope.Empty, Clause.FunctionArgument));
        return bound is BoundLiteral { Value: bool value } && bound.Type.TypeId == TypeId.Boolean
            ? value
            : throw Invalid(argument.Span, $"The emitOnlyOnUpdate argument of {function} must be TRUE or FALSE");
    }

    private TimeSpan WindowInterval(SqlExpression argument, string parameter, string function)
    {
        var bound = BindExpression(argument, new ExpressionContext(Scope.Empty, Clause.FunctionArgument));
        if (bound is not BoundLiteral { Value: TimeSpan span } || bound.Type.TypeId != TypeId.IntervalDayTime)
        {
            throw Invalid(argument.Span, $"The {parameter.ToLowerInvariant()} of {function} must be a day-time interval literal, such as INTERVAL '10' MINUTE");
        }

        if (span <= TimeSpan.Zero && parameter != "OFFSET")
        {
            throw Invalid(argument.Span, $"The {parameter.ToLowerInvariant()} of {function} must be positive");
        }

        return span;
    }
}
