using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// Flink 2's built-in process table functions: <c>DEDUPLICATE_KEEP_FIRST</c> and <c>TO_CHANGELOG</c>, with named
/// (<c>input =&gt; TABLE t PARTITION BY k</c>) or positional arguments. The implicit <c>uid</c> argument is accepted
/// (a string literal) and has no effect: the operator's id comes from the script's order.
/// </summary>
internal sealed partial class Binder
{
    private (LogicalPlan Plan, IReadOnlyList<ScopeTable> Tables) BindProcessTableFunction(TableFunctionReference reference, FunctionDefinition function)
    {
        var call = reference.Call;
        if (call.Arguments.Count == 0)
        {
            throw Invalid(call.Span, $"{function.Name} needs the argument INPUT: {function.Description}");
        }

        LogicalPlan plan = function.Name.ToUpperInvariant() switch
        {
            "DEDUPLICATE_KEEP_FIRST" => BindDeduplicateKeepFirst(call, function),
            _ => BindToChangelog(call, function),
        };
        return Aliased(plan, reference.Alias, null);
    }

    private DeduplicateKeepFirst BindDeduplicateKeepFirst(FunctionCall call, FunctionDefinition function)
    {
        string[] parameters = ["INPUT", "ON_TIME", "STATE_TTL", "RESET_TTL_ON_DUPLICATE", "UID"];
        var arguments = ArrangeArguments(call, function, parameters, 1);
        var (input, keys, tableName) = BindProcessTableInput(arguments[0]!, function);
        CheckUid(arguments[4], function);

        var onTime = -1;
        if (arguments[1] is { } onTimeArgument)
        {
            if (onTimeArgument is not DescriptorExpression { Columns.Count: 1 } descriptor)
            {
                throw Invalid(onTimeArgument.Span, $"The on_time argument of {function.Name} must name one time column: DESCRIPTOR(column)");
            }

            var name = descriptor.Columns[0];
            onTime = input.Schema.IndexOf(name.Value);
            if (onTime < 0)
            {
                throw NotFound(name.Span, $"Column '{name.Value}' not found in table '{tableName}'" + NameSuggestions.DidYouMean(name.Value, input.Schema.Names));
            }

            if (input.Schema[onTime].TimeAttribute != TimeAttribute.RowTime)
            {
                throw Invalid(descriptor.Span,
                    $"The on_time column '{name.Value}' of {function.Name} must be an event-time attribute (a column with a WATERMARK), but it is a "
                    + (input.Schema[onTime].TimeAttribute == TimeAttribute.ProcTime ? "processing-time attribute" : $"regular {input.Schema[onTime].Type} column"));
            }
        }

        TimeSpan? ttl = null;
        if (arguments[2] is { } ttlArgument)
        {
            var bound = BindExpression(ttlArgument, new ExpressionContext(Scope.Empty, Clause.FunctionArgument));
            if (bound is not BoundLiteral { Value: TimeSpan span } || bound.Type.TypeId != TypeId.IntervalDayTime || span < TimeSpan.Zero)
            {
                throw Invalid(ttlArgument.Span, $"The state_ttl argument of {function.Name} must be a non-negative day-time interval literal, such as INTERVAL '1' HOUR");
            }

            ttl = span;
        }

        var reset = true;
        if (arguments[3] is { } resetArgument)
        {
            var bound = BindExpression(resetArgument, new ExpressionContext(Scope.Empty, Clause.FunctionArgument));
            reset = bound is BoundLiteral { Value: bool value } && bound.Type.TypeId == TypeId.Boolean
                ? value
                : throw Invalid(resetArgument.Span, $"The reset_ttl_on_duplicate argument of {function.Name} must be TRUE or FALSE");
        }

        return new DeduplicateKeepFirst(input, keys, onTime, ttl, reset) { OnTimeSpan = arguments[1]?.Span };
    }

    private ToChangelog BindToChangelog(FunctionCall call, FunctionDefinition function)
    {
        string[] parameters = ["INPUT", "OP", "OP_MAPPING", "UID"];
        var arguments = ArrangeArguments(call, function, parameters, 1);
        var (input, keys, _) = BindProcessTableInput(arguments[0]!, function);
        CheckUid(arguments[3], function);

        var op = "op";
        if (arguments[1] is { } opArgument)
        {
            op = opArgument is DescriptorExpression { Columns.Count: 1 } descriptor
                ? descriptor.Columns[0].Value
                : throw Invalid(opArgument.Span, $"The op argument of {function.Name} must name one column: DESCRIPTOR(op_column)");
        }

        var codes = ToChangelog.KindNames.Select(k => (string?)k).ToArray();
        if (arguments[2] is { } mappingArgument)
        {
            if (mappingArgument is not MapConstructor map || map.Entries.Any(e => e is not StringLiteral))
            {
                throw Invalid(mappingArgument.Span,
                    $"The op_mapping argument of {function.Name} must be a MAP of string literals from change kinds to codes, such as MAP['INSERT', 'I', 'DELETE', 'D']");
            }

            codes = new string?[ToChangelog.KindNames.Count];
            for (var i = 0; i < map.Entries.Count; i += 2)
            {
                var key = (StringLiteral)map.Entries[i];
                foreach (var part in key.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var kind = ToChangelog.KindNames.ToList().FindIndex(k => string.Equals(k, part, StringComparison.OrdinalIgnoreCase));
                    if (kind < 0)
                    {
                        throw Invalid(key.Span, $"'{part}' is not a change kind of op_mapping; the kinds are {string.Join(", ", ToChangelog.KindNames)}");
                    }

                    if (codes[kind] is not null)
                    {
                        throw Invalid(key.Span, $"The change kind {ToChangelog.KindNames[kind]} is mapped twice in op_mapping");
                    }

                    codes[kind] = ((StringLiteral)map.Entries[i + 1]).Value;
                }
            }
        }

        if (keys.Any(k => input.Schema[k].Name == op) || (input.Schema.IndexOf(op) >= 0 && arguments[1] is not null))
        {
            throw Invalid(arguments[1]?.Span ?? call.Span, $"The op column '{op}' of {function.Name} clashes with an input column; name it with op => DESCRIPTOR(name)");
        }

        return new ToChangelog(input, keys, op, codes);
    }

    /// <summary>The table argument of a process table function: its plan, its PARTITION BY columns and its name.</summary>
    private (LogicalPlan Input, NodeList<int> Keys, string TableName) BindProcessTableInput(SqlExpression argument, FunctionDefinition function)
    {
        if (argument is not TableArgument data)
        {
            throw Invalid(argument.Span, $"The input argument of {function.Name} must be a table: TABLE name [PARTITION BY column, ...]");
        }

        if (data.OrderBy.Count > 0)
        {
            throw NotSupported(data.OrderBy[0].Span, $"{function.Name} takes no ORDER BY on its table argument");
        }

        var input = ResolveNamedTable(data.Table, NodeList<Hint>.Empty);
        var tableName = data.Table.Last.Value;
        var keys = new List<int>();
        foreach (var key in data.PartitionBy)
        {
            if (key is not IdentifierExpression { Name.IsSimple: true } identifier)
            {
                throw Invalid(key.Span, "A PARTITION BY key of a table argument must be a column name");
            }

            var index = input.Schema.IndexOf(identifier.Name.Last.Value);
            if (index < 0)
            {
                throw NotFound(key.Span, $"Column '{identifier.Name.Last.Value}' not found in table '{tableName}'"
                    + NameSuggestions.DidYouMean(identifier.Name.Last.Value, input.Schema.Names));
            }

            if (keys.Contains(index))
            {
                throw Invalid(key.Span, $"The column '{identifier.Name.Last.Value}' is in PARTITION BY twice");
            }

            keys.Add(index);
        }

        return (input, keys.ToNodeList(), tableName);
    }

    private static void CheckUid(SqlExpression? argument, FunctionDefinition function)
    {
        if (argument is not null and not StringLiteral)
        {
            throw Invalid(argument.Span, $"The uid argument of {function.Name} must be a string literal");
        }
    }
}
