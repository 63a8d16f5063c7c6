using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>Function calls: name resolution, kind checks, signatures, result types, aggregate calls.</summary>
internal sealed partial class Binder
{
    /// <summary>The function named by <paramref name="name"/>, or a positioned error with suggestions.</summary>
    private FunctionDefinition ResolveFunction(QualifiedName name)
    {
        if (name.Parts.Count > 3)
        {
            throw Invalid(name.Span, $"'{NameText(name)}' has {name.Parts.Count} parts; a function name has at most three (catalog.database.function)");
        }

        if (FindFunction(name) is { } function)
        {
            return function;
        }

        var simple = name.Last.Value;
        if (!name.IsSimple)
        {
            // A qualified name names a temporary or catalog function of that database only (Flink's precise reference).
            var identifier = ObjectIdentifier.Resolve(_catalog, name.Parts.Select(p => p.Value).ToArray(), name.Span);
            throw NotFound(name.Span, $"Function '{NameText(name)}' not found in database '{identifier.Catalog}.{identifier.Database}'"
                + NameSuggestions.DidYouMean(simple, _catalog.ListUserFunctions(identifier.Catalog, identifier.Database)
                    .Where(f => f.Scope != FunctionScope.TemporarySystem).Select(f => f.Name)));
        }

        return _catalog.FindFunction(simple)
            ?? throw NotFound(name.Span, $"Function '{simple}' not found"
                + NameSuggestions.DidYouMean(simple, _catalog.ListFunctions().Select(f => f.Name)));
    }

    /// <summary>The function a name of one to three parts means (<see cref="FunctionResolution"/>), or null.</summary>
    private FunctionDefinition? FindFunction(QualifiedName name) =>
        FunctionResolution.Resolve(_catalog, name.Parts.Select(p => p.Value).ToArray());

    private BoundExpression BindFunctionCall(FunctionCall call, ExpressionContext context)
    {
        if (TryBindGroupWindowProperty(call, context, out var windowProperty))
        {
            return windowProperty!;
        }

        var function = ResolveFunction(call.Name);
        switch (function.Kind)
        {
            case FunctionKind.Table or FunctionKind.WindowTable or FunctionKind.ProcessTable:
                throw Invalid(call.Span, $"'{function.Name}' is a table function: call it in FROM, as TABLE({function.Name}(...))");
            case FunctionKind.Ranking when call.Over is null:
                throw Invalid(call.Span, $"{function.Name} needs an OVER clause");
            case FunctionKind.Scalar when call.Over is not null:
                throw Invalid(call.Span, $"OVER can only follow an aggregate or ranking function, not {function.Name}");
        }

        if (call.Over is not null)
        {
            return BindOverCall(call, function, context);
        }

        if (function.Kind == FunctionKind.Aggregate)
        {
            if (context.InAggregateArgument)
            {
                throw Invalid(call.Span, "Aggregate function calls cannot be nested");
            }

            if (ReadsOnlyEnclosingQueries(call, context))
            {
                throw NotSupported(call.Span,
                    $"{function.Name} here reads only columns of an enclosing query, so it would be an aggregate of that query; an enclosing query's "
                    + "aggregate inside a subquery is not supported: compute it in that query (in its SELECT list, or a derived table) and compare with the result");
            }

            throw Invalid(call.Span, context.Clause is Clause.Select or Clause.Having or Clause.OrderBy
                ? $"Aggregate function {function.Name} cannot be used here"
                : $"Aggregate functions are not allowed in {context.ClauseName}");
        }

        if (call.Quantifier == SetQuantifier.Distinct)
        {
            throw Invalid(call.Span, $"DISTINCT is only allowed in aggregate functions, not {function.Name}");
        }

        if (call.Filter is not null)
        {
            throw Invalid(call.Filter.Span, $"FILTER is only allowed with aggregate functions, not {function.Name}");
        }

        _ = IgnoresNulls(call, function);

        var operands = BindOperands(call, function, context);
        if (function.IsBuiltIn && function.Name == "CURRENT_WATERMARK" && operands.Count == 1
            && TimeAttributeOf(operands[0], context) != TimeAttribute.RowTime)
        {
            throw Invalid(call.Arguments[0].Span, $"The argument of CURRENT_WATERMARK must be a rowtime attribute, not '{Text(call.Arguments[0])}'");
        }

        if (function.IsBuiltIn && function.Name == "CURRENT_DATABASE")
        {
            // Known when planning: the database that USE made current.
            return new BoundLiteral(_catalog.CurrentDatabase, DataTypes.String().NotNull());
        }

        return ResolveCall(function, operands, call.Span);
    }

    /// <summary>Binds call arguments; <c>COUNT(*)</c> has none.</summary>
    private List<BoundExpression> BindOperands(FunctionCall call, FunctionDefinition function, ExpressionContext context)
    {
        if (call.Arguments is [StarExpression { Qualifier: null } star])
        {
            if (!ReferenceEquals(function, BuiltInFunctions.Count))
            {
                throw Invalid(star.Span, $"'*' is only allowed in COUNT(*), not in {function.Name}(*)");
            }

            return [];
        }

        return call.Arguments.Select(a => BindExpression(a, context)).ToList();
    }

    /// <summary>
    /// Checks operands against the function's signatures, types untyped <c>NULL</c>s, infers the result type and
    /// applies the function's operand coercion.
    /// </summary>
    private static BoundCall ResolveCall(FunctionDefinition function, IReadOnlyList<BoundExpression> operands, SourceSpan span,
        int groupCount = -1, bool hasFilter = false, bool isOver = false)
    {
        var list = operands.ToList();
        var families = list.Select(o => o is BoundSymbol ? ArgumentFamily.Symbol : FunctionSignature.FamilyOf(o.Type)).ToList();
        var signature = function.Signatures.FirstOrDefault(s => s.Accepts(families));
        if (signature is null)
        {
            var types = string.Join(", ", list.Select(o => o is BoundSymbol symbol ? symbol.Name : o.Type.ToString()));
            throw TypeError(span, $"Cannot apply '{function.Name}' to arguments ({types}); supported: {function.SignatureText}");
        }

        // Untyped NULLs take the type of the other operand of an operator, or a representative type of their parameter.
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Type.TypeId != TypeId.Null || list[i] is BoundSymbol)
            {
                continue;
            }

            // A parameter of any type (also one that takes VARIANT besides) leaves the NULL to the function's return type.
            var expected = signature.ParameterAt(i);
            if ((expected & ArgumentFamily.Any) == ArgumentFamily.Any)
            {
                continue;
            }

            var other = list.Count == 2 && function.Syntax == FunctionSyntax.Binary ? list[1 - i] : null;
            var target = other is not null && other.Type.TypeId != TypeId.Null && (FunctionSignature.FamilyOf(other.Type) & expected) != 0
                ? other.Type
                : RepresentativeType(expected);
            if (target is not null)
            {
                list[i] = BoundLiteral.Null(target);
            }
        }

        var context = new BinderCallContext(function, list, span, groupCount, hasFilter, isOver);
        var type = function.ReturnType(context);
        if (type.TypeId == TypeId.Null)
        {
            throw TypeError(span, $"Cannot infer the type of {function.Name} from untyped NULL arguments; write CAST(NULL AS type)");
        }

        if (function.CoerceOperands is { } coerce)
        {
            var targets = coerce(context, type);
            for (var i = 0; i < list.Count; i++)
            {
                if (targets[i] is { } target)
                {
                    list[i] = Coerce(list[i], target, exact: true);
                }
            }
        }

        return new BoundCall(function, list.ToNodeList(), type);
    }

    private static DataType? RepresentativeType(ArgumentFamily family)
    {
        if ((family & ArgumentFamily.Character) != 0)
        {
            return DataTypes.String();
        }

        if ((family & ArgumentFamily.Integer) != 0)
        {
            return DataTypes.Int();
        }

        if ((family & ArgumentFamily.Decimal) != 0)
        {
            return DataTypes.Decimal(10, 0);
        }

        if ((family & ArgumentFamily.Approximate) != 0)
        {
            return DataTypes.Double();
        }

        if ((family & ArgumentFamily.Boolean) != 0)
        {
            return DataTypes.Boolean();
        }

        if ((family & ArgumentFamily.Timestamp) != 0)
        {
            return DataTypes.Timestamp(3);
        }

        if ((family & ArgumentFamily.TimestampLtz) != 0)
        {
            return DataTypes.TimestampLtz(3);
        }

        if ((family & ArgumentFamily.Date) != 0)
        {
            return DataTypes.Date();
        }

        if ((family & ArgumentFamily.Binary) != 0)
        {
            return DataTypes.Bytes();
        }

        return null;
    }

    /// <summary>
    /// An aggregate call in a grouped query: its arguments and filter are bound over the input row and projected
    /// below the aggregation; the result is a reference to the call's output column.
    /// </summary>
    private BoundInputRef BindAggregateCall(FunctionCall call, ExpressionContext context, AggregateBinding aggregation)
    {
        var function = ResolveFunction(call.Name);
        var argumentContext = new ExpressionContext(aggregation.FromScope, context.Clause) { InAggregateArgument = true };
        var operands = BindOperands(call, function, argumentContext);
        var filterArgument = -1;
        if (call.Filter is not null)
        {
            var filter = BindCondition(call.Filter, argumentContext with { Clause = Clause.Where });
            filterArgument = aggregation.AddArgument(filter);
        }

        var ignoreNulls = IgnoresNulls(call, function);
        var resolved = ResolveCall(function, operands, call.Span, aggregation.GroupCount, call.Filter is not null);
        var type = resolved.Type;
        operands = resolved.Operands.ToList();
        if (function.IsBuiltIn && function.Name is "JSON_OBJECTAGG" or "JSON_ARRAYAGG")
        {
            if (call.Quantifier == SetQuantifier.Distinct)
            {
                throw NotSupported(call.Span, $"DISTINCT in {function.Name}");
            }

            // As Flink's WrapJsonAggFunctionArgumentsRule: the value is aggregated as its JSON text (JSON_STRING), so
            // values of JSON_OBJECT / JSON_ARRAY stay JSON and NULL stays NULL.
            var value = operands.Count - 1;
            operands[value] = ResolveCall(JsonString, [operands[value]], call.Arguments[value].Span);
        }

        NodeList<int> arguments;
        if (ReferenceEquals(function, BuiltInFunctions.Grouping) || function.Name == "GROUPING_ID")
        {
            var positions = new List<int>();
            for (var i = 0; i < operands.Count; i++)
            {
                var key = aggregation.FindKey(operands[i]);
                if (key < 0)
                {
                    throw Invalid(call.Arguments[i].Span, $"The argument of {function.Name} must be a GROUP BY expression, not '{Text(call.Arguments[i])}'");
                }

                positions.Add(key);
            }

            arguments = positions.ToNodeList();
        }
        else
        {
            arguments = operands.Select(aggregation.AddArgument).ToNodeList();
        }

        var name = context.AggregateNameHint ?? aggregation.DefaultCallName();
        var distinct = call.Quantifier == SetQuantifier.Distinct;
        if (distinct)
        {
            foreach (var operand in operands)
            {
                RejectVariantKey(operand, call.Span, $"an argument of {function.Name}(DISTINCT ...)");
            }
        }

        return aggregation.AddCall(new AggregateCall(function, arguments, distinct, filterArgument, type, name)
        {
            IgnoreNulls = ignoreNulls,
            // A view's calls were written in another statement: errors of theirs stay at the statement that reads the view.
            Position = _catalog is ViewNameScope ? default : new PlanPosition(call.Span),
        });
    }

    private static FunctionDefinition JsonString => BuiltInFunctions.All.First(f => f.Name == "JSON_STRING");

    /// <summary>
    /// Whether a call leaves NULL values out where its function would keep them (<see cref="AggregateCall.IgnoreNulls"/>):
    /// <c>ARRAY_AGG</c> with <c>IGNORE NULLS</c>, <c>JSON_ARRAYAGG</c> unless <c>NULL ON NULL</c> and <c>JSON_OBJECTAGG</c>
    /// with <c>ABSENT ON NULL</c>. <c>RESPECT NULLS</c> / <c>IGNORE NULLS</c> on another function is an error.
    /// </summary>
    private static bool IgnoresNulls(FunctionCall call, FunctionDefinition function)
    {
        var name = function.IsBuiltIn ? function.Name : null;
        if (call.NullTreatment != NullTreatment.Default && name != "ARRAY_AGG")
        {
            throw Invalid(call.Span, $"{(call.NullTreatment == NullTreatment.Respect ? "RESPECT" : "IGNORE")} NULLS is only supported with ARRAY_AGG, not {function.Name}");
        }

        return name switch
        {
            "ARRAY_AGG" => call.NullTreatment == NullTreatment.Ignore,
            "JSON_ARRAYAGG" => call.JsonNullHandling != JsonNullHandling.Null,
            "JSON_OBJECTAGG" => call.JsonNullHandling == JsonNullHandling.Absent,
            _ => false,
        };
    }

    /// <summary>
    /// <c>(s0, e0) OVERLAPS (s1, e1)</c>, as Flink (Calcite) rewrites it: each period's end may be a date-time or an
    /// interval added to its start; each period's points are put in order, then the periods overlap when
    /// <c>e0 &gt;= s1 AND e1 &gt;= s0</c> (touching periods overlap; NULL points give NULL or FALSE).
    /// </summary>
    private BoundExpression BindOverlaps(BinaryExpression binary, ExpressionContext context)
    {
        var (s0, e0) = BindPeriod(binary.Left, context, binary.Span);
        var (s1, e1) = BindPeriod(binary.Right, context, binary.Span);
        if (TypeRules.ComparisonType(s0.Type, s1.Type) is null)
        {
            throw TypeError(binary.Span, $"Cannot apply 'OVERLAPS' to periods of {s0.Type} and {s1.Type}");
        }

        var (low0, high0) = Ordered(s0, e0, binary.Span);
        var (low1, high1) = Ordered(s1, e1, binary.Span);
        return ResolveCall(BuiltInFunctions.And,
            [Compare(BuiltInFunctions.GreaterThanOrEqual, high0, low1, binary.Span), Compare(BuiltInFunctions.GreaterThanOrEqual, high1, low0, binary.Span)],
            binary.Span);
    }

    /// <summary>The start and end of one period operand of <c>OVERLAPS</c>: <c>(start, end)</c> or <c>(start, interval)</c>.</summary>
    private (BoundExpression Start, BoundExpression End) BindPeriod(SqlExpression operand, ExpressionContext context, SourceSpan span)
    {
        if (operand is not RowConstructor { IsExplicit: false, Fields.Count: 2 } period)
        {
            throw Invalid(operand.Span, "The operands of OVERLAPS must be periods written (start, end) or (start, interval)");
        }

        var start = BindExpression(period.Fields[0], context);
        var end = BindExpression(period.Fields[1], context);
        if (!TypeRules.IsDatetime(start.Type))
        {
            throw TypeError(period.Fields[0].Span, $"The start of an OVERLAPS period must be a date-time, not {start.Type}");
        }

        if (TypeRules.IsInterval(end.Type))
        {
            end = ResolveCall(BuiltInFunctions.Plus, [start, end], span);
        }
        else if (!TypeRules.IsDatetime(end.Type) || TypeRules.ComparisonType(start.Type, end.Type) is null)
        {
            throw TypeError(period.Fields[1].Span, $"The end of an OVERLAPS period must be a date-time like its start ({start.Type}) or an interval, not {end.Type}");
        }

        return (start, end);
    }

    /// <summary>The earlier and the later of two points (when either is NULL, the second comes first).</summary>
    private static (BoundExpression Low, BoundExpression High) Ordered(BoundExpression a, BoundExpression b, SourceSpan span)
    {
        var inOrder = Compare(BuiltInFunctions.LessThanOrEqual, a, b, span);
        return (ResolveCall(BuiltInFunctions.If, [inOrder, a, b], span), ResolveCall(BuiltInFunctions.If, [inOrder, b, a], span));
    }
}
