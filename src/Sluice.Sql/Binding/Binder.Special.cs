using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>Expressions with their own syntax: <c>CASE</c>, <c>CAST</c>, <c>EXTRACT</c>, <c>FLOOR/CEIL ... TO</c>, <c>TRIM</c>, <c>POSITION</c>, <c>OVERLAY</c>, JSON.</summary>
internal sealed partial class Binder
{
    private static readonly HashSet<TimeUnit> DateUnits =
    [
        TimeUnit.Year, TimeUnit.Quarter, TimeUnit.Month, TimeUnit.Week, TimeUnit.Day, TimeUnit.DayOfWeek, TimeUnit.DayOfYear,
        TimeUnit.IsoDayOfWeek, TimeUnit.IsoYear, TimeUnit.Decade, TimeUnit.Century, TimeUnit.Millennium,
    ];

    private static readonly HashSet<TimeUnit> TimeOfDayUnits =
        [TimeUnit.Hour, TimeUnit.Minute, TimeUnit.Second, TimeUnit.Millisecond, TimeUnit.Microsecond, TimeUnit.Nanosecond];

    private BoundExpression BindCase(CaseExpression caseExpression, ExpressionContext context)
    {
        var operand = caseExpression.Operand is null ? null : BindExpression(caseExpression.Operand, context);
        var conditions = new List<BoundExpression>();
        var results = new List<BoundExpression>();
        foreach (var when in caseExpression.WhenClauses)
        {
            var condition = BindExpression(when.Condition, context);
            if (operand is not null)
            {
                condition = Compare(BuiltInFunctions.EqualTo, operand, condition, when.Condition.Span);
            }
            else if (condition.Type.TypeId == TypeId.Null)
            {
                condition = BoundLiteral.Null(DataTypes.Boolean());
            }
            else if (condition.Type.TypeId != TypeId.Boolean)
            {
                throw TypeError(when.Condition.Span, $"A CASE WHEN condition must be a BOOLEAN, not {condition.Type}");
            }

            conditions.Add(condition);
            results.Add(BindExpression(when.Result, context));
        }

        var elseResult = caseExpression.Else is null ? null : BindExpression(caseExpression.Else, context);
        var types = results.Select(r => r.Type).ToList();
        types.Add(elseResult?.Type ?? DataTypes.Null());
        var type = TypeRules.LeastRestrictive(types)
            ?? throw TypeError(caseExpression.Span, $"The results of CASE have no common type: {string.Join(", ", types.Where(t => t.TypeId != TypeId.Null))}");
        if (type.TypeId == TypeId.Null)
        {
            throw TypeError(caseExpression.Span, "Cannot infer the type of CASE from untyped NULL results; write CAST(NULL AS type)");
        }

        return new BoundCase(
            conditions.ToNodeList(),
            results.Select(r => Coerce(r, type, exact: true)).ToNodeList(),
            elseResult is null ? BoundLiteral.Null(type) : Coerce(elseResult, type, exact: true),
            type);
    }

    private BoundExpression BindCast(CastExpression cast, ExpressionContext context)
    {
        var target = cast.TargetType.ToDataType();
        var operand = BindExpression(cast.Operand, context);
        if (operand.Type.TypeId == TypeId.Null)
        {
            return BoundLiteral.Null(target);
        }

        if (!TypeRules.CanCastExplicitly(operand.Type, target))
        {
            var hint = TypeRules.IsNumeric(operand.Type) && TypeRules.IsTimestamp(target)
                ? "; use TO_TIMESTAMP_LTZ(number, precision)"
                : TypeRules.IsTimestamp(operand.Type) && TypeRules.IsNumeric(target) ? "; use UNIX_TIMESTAMP(CAST(ts AS STRING))"
                : target.TypeId == TypeId.Variant ? "; use PARSE_JSON to make a VARIANT"
                : operand.Type.TypeId == TypeId.Variant ? "; a VARIANT casts only to scalar types (JSON_STRING gives its JSON text)" : "";
            throw TypeError(cast.Span, $"Cannot cast {operand.Type.Nullable()} to {target.Nullable()}{hint}");
        }

        // A VARIANT holding a JSON null casts to NULL, so a cast from a VARIANT is always nullable.
        var type = cast.IsTry || operand.Type.TypeId == TypeId.Variant ? target.Nullable() : target.WithNullability(operand.Type.IsNullable);
        return new BoundCast(operand, type, cast.IsTry);
    }

    private BoundExpression BindExtract(ExtractExpression extract, ExpressionContext context)
    {
        var source = BindExpression(extract.Source, context);
        if ((source.Type.TypeId == TypeId.Date && TimeOfDayUnits.Contains(extract.Unit))
            || (source.Type.TypeId == TypeId.Time && DateUnits.Contains(extract.Unit)))
        {
            throw TypeError(extract.Span, $"Cannot extract {TimeUnits.ToSql(extract.Unit)} from a value of type {source.Type}");
        }

        return ResolveCall(BuiltInFunctions.Extract, [new BoundSymbol(TimeUnits.ToSql(extract.Unit)), source], extract.Span);
    }

    private BoundExpression BindFloorCeil(FloorCeilExpression floorCeil, ExpressionContext context)
    {
        var operand = BindExpression(floorCeil.Operand, context);
        var function = floorCeil.IsCeiling ? BuiltInFunctions.Ceil : BuiltInFunctions.Floor;
        return ResolveCall(function, [operand, new BoundSymbol(TimeUnits.ToSql(floorCeil.Unit))], floorCeil.Span);
    }

    private BoundExpression BindTrim(TrimExpression trim, ExpressionContext context)
    {
        var side = trim.Side switch
        {
            TrimSide.Leading => "LEADING",
            TrimSide.Trailing => "TRAILING",
            _ => "BOTH",
        };
        var characters = trim.Characters is null
            ? new BoundLiteral(" ", DataTypes.Char(1).NotNull())
            : BindExpression(trim.Characters, context);
        return ResolveCall(BuiltInFunctions.Trim, [new BoundSymbol(side), characters, BindExpression(trim.Source, context)], trim.Span);
    }

    private BoundExpression BindPosition(PositionExpression position, ExpressionContext context)
    {
        var operands = new List<BoundExpression> { BindExpression(position.Needle, context), BindExpression(position.Haystack, context) };
        if (position.Start is not null)
        {
            operands.Add(BindExpression(position.Start, context));
        }

        return ResolveCall(BuiltInFunctions.Position, operands, position.Span);
    }

    private BoundExpression BindOverlay(OverlayExpression overlay, ExpressionContext context)
    {
        var operands = new List<BoundExpression>
        {
            BindExpression(overlay.Source, context),
            BindExpression(overlay.Replacement, context),
            BindExpression(overlay.Start, context),
        };
        if (overlay.Length is not null)
        {
            operands.Add(BindExpression(overlay.Length, context));
        }

        return ResolveCall(BuiltInFunctions.Overlay, operands, overlay.Span);
    }

    private BoundExpression BindJson(SqlExpression expression, ExpressionContext context)
    {
        switch (expression)
        {
            case JsonValueExpression value:
            {
                var returning = value.Returning?.ToDataType();
                var operands = JsonDocumentAndPath(value.Json, value.Path, "JSON_VALUE", context);
                AddBehavior(operands, value.OnEmpty, "EMPTY", returning, context);
                AddBehavior(operands, value.OnError, "ERROR", returning, context);
                var call = ResolveCall(BuiltInFunctions.JsonValue, operands, value.Span);
                return returning is null ? call : new BoundCall(call.Function, call.Operands, returning.Nullable());
            }

            case JsonQueryExpression query:
            {
                var returning = query.Returning?.ToDataType();
                var operands = JsonDocumentAndPath(query.Json, query.Path, "JSON_QUERY", context);
                operands.Add(new BoundSymbol(query.Wrapper switch
                {
                    JsonQueryWrapper.WithConditional => "WITH CONDITIONAL ARRAY WRAPPER",
                    JsonQueryWrapper.WithUnconditional => "WITH UNCONDITIONAL ARRAY WRAPPER",
                    _ => "WITHOUT ARRAY WRAPPER",
                }));
                AddBehavior(operands, query.OnEmpty, "EMPTY", null, context);
                AddBehavior(operands, query.OnError, "ERROR", null, context);
                var call = ResolveCall(BuiltInFunctions.JsonQuery, operands, query.Span);
                return returning is null ? call : new BoundCall(call.Function, call.Operands, returning.Nullable());
            }

            case JsonExistsExpression exists:
            {
                var operands = JsonDocumentAndPath(exists.Json, exists.Path, "JSON_EXISTS", context);
                AddBehavior(operands, exists.OnError, "ERROR", null, context);
                return ResolveCall(BuiltInFunctions.JsonExists, operands, exists.Span);
            }

            case JsonObjectExpression json:
            {
                var operands = new List<BoundExpression> { NullHandling(json.NullHandling) };
                foreach (var entry in json.Entries)
                {
                    var key = BindExpression(entry.Key, context);
                    if (!TypeRules.IsCharacter(key.Type))
                    {
                        throw TypeError(entry.Key.Span, $"A JSON_OBJECT key must be a character string, not {key.Type}");
                    }

                    operands.Add(key);
                    operands.Add(BindExpression(entry.Value, context));
                }

                return ResolveCall(BuiltInFunctions.JsonObject, operands, json.Span);
            }

            case JsonArrayExpression array:
            {
                // Unlike JSON_OBJECT, JSON_ARRAY leaves NULL elements out unless NULL ON NULL is written (Flink's default).
                var handling = array.NullHandling == JsonNullHandling.Default ? JsonNullHandling.Absent : array.NullHandling;
                var operands = new List<BoundExpression> { NullHandling(handling) };
                operands.AddRange(array.Elements.Select(e => BindExpression(e, context)));
                return ResolveCall(BuiltInFunctions.JsonArray, operands, array.Span);
            }

            default:
                throw NotSupported(expression.Span, $"the expression {Text(expression)} is not supported yet");
        }
    }

    private List<BoundExpression> JsonDocumentAndPath(SqlExpression json, SqlExpression path, string function, ExpressionContext context)
    {
        var document = BindExpression(json, context);
        var boundPath = BindExpression(path, context);
        if (boundPath is not BoundLiteral { Value: string })
        {
            throw Invalid(path.Span, $"The path of {function} must be a string literal");
        }

        return [document, boundPath];
    }

    private void AddBehavior(List<BoundExpression> operands, JsonBehavior? behavior, string trigger, DataType? returning, ExpressionContext context)
    {
        if (behavior is null)
        {
            return;
        }

        var kind = behavior.Kind switch
        {
            JsonBehaviorKind.EmptyArray => "EMPTY ARRAY",
            JsonBehaviorKind.EmptyObject => "EMPTY OBJECT",
            _ => behavior.Kind.ToString().ToUpperInvariant(),
        };
        operands.Add(new BoundSymbol($"{kind} ON {trigger}"));
        if (behavior.Default is not null)
        {
            var value = BindExpression(behavior.Default, context);
            operands.Add(returning is null ? value : Coerce(value, returning));
        }
    }

    private static BoundSymbol NullHandling(JsonNullHandling handling) =>
        new(handling == JsonNullHandling.Absent ? "ABSENT ON NULL" : "NULL ON NULL");
}
