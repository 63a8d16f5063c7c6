using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>Functions with their own argument syntax, including the SQL/JSON functions.</summary>
public sealed partial class SqlFormatter
{
    private void WriteSpecialFunction(SqlExpression expression)
    {
        switch (expression)
        {
            case ExtractExpression extract:
                _out.Append("EXTRACT(").Append(TimeUnits.ToSql(extract.Unit)).Append(" FROM ");
                WriteExpression(extract.Source, Precedence.Lowest);
                _out.Append(')');
                break;
            case TrimExpression trim:
                WriteTrim(trim);
                break;
            case PositionExpression position:
                _out.Append("POSITION(");
                WriteExpression(position.Needle, Precedence.Additive);
                _out.Append(" IN ");
                WriteExpression(position.Haystack, Precedence.Lowest);
                if (position.Start is not null)
                {
                    _out.Append(" FROM ");
                    WriteExpression(position.Start, Precedence.Lowest);
                }

                _out.Append(')');
                break;
            case OverlayExpression overlay:
                _out.Append("OVERLAY(");
                WriteExpression(overlay.Source, Precedence.Lowest);
                _out.Append(" PLACING ");
                WriteExpression(overlay.Replacement, Precedence.Lowest);
                _out.Append(" FROM ");
                WriteExpression(overlay.Start, Precedence.Lowest);
                if (overlay.Length is not null)
                {
                    _out.Append(" FOR ");
                    WriteExpression(overlay.Length, Precedence.Lowest);
                }

                _out.Append(')');
                break;
            case FloorCeilExpression floorCeil:
                _out.Append(floorCeil.IsCeiling ? "CEIL(" : "FLOOR(");
                WriteExpression(floorCeil.Operand, Precedence.Lowest);
                _out.Append(" TO ").Append(TimeUnits.ToSql(floorCeil.Unit)).Append(')');
                break;
            case JsonValueExpression jsonValue:
                _out.Append("JSON_VALUE(");
                WriteJsonInput(jsonValue.Json, jsonValue.Path, jsonValue.Returning);
                WriteJsonBehaviors(jsonValue.OnEmpty, jsonValue.OnError);
                _out.Append(')');
                break;
            case JsonQueryExpression jsonQuery:
                _out.Append("JSON_QUERY(");
                WriteJsonInput(jsonQuery.Json, jsonQuery.Path, jsonQuery.Returning);
                _out.Append(jsonQuery.Wrapper switch
                {
                    JsonQueryWrapper.Without => " WITHOUT ARRAY WRAPPER",
                    JsonQueryWrapper.WithConditional => " WITH CONDITIONAL ARRAY WRAPPER",
                    JsonQueryWrapper.WithUnconditional => " WITH UNCONDITIONAL ARRAY WRAPPER",
                    _ => string.Empty,
                });
                WriteJsonBehaviors(jsonQuery.OnEmpty, jsonQuery.OnError);
                _out.Append(')');
                break;
            case JsonExistsExpression jsonExists:
                _out.Append("JSON_EXISTS(");
                WriteJsonInput(jsonExists.Json, jsonExists.Path, null);
                WriteJsonBehaviors(null, jsonExists.OnError);
                _out.Append(')');
                break;
            case JsonObjectExpression jsonObject:
                _out.Append("JSON_OBJECT(");
                WriteList(jsonObject.Entries, WriteJsonKeyValue);
                WriteJsonNullHandling(jsonObject.NullHandling, jsonObject.Entries.Count > 0);
                _out.Append(')');
                break;
            case JsonArrayExpression jsonArray:
                _out.Append("JSON_ARRAY(");
                WriteExpressions(jsonArray.Elements);
                WriteJsonNullHandling(jsonArray.NullHandling, jsonArray.Elements.Count > 0);
                _out.Append(')');
                break;
            default:
                _out.Append("/* ").Append(expression.GetType().Name).Append(" */");
                break;
        }
    }

    private void WriteTrim(TrimExpression trim)
    {
        _out.Append("TRIM(");
        if (trim.Side != TrimSide.Default || trim.Characters is not null)
        {
            _out.Append(trim.Side switch
            {
                TrimSide.Both => "BOTH ",
                TrimSide.Leading => "LEADING ",
                TrimSide.Trailing => "TRAILING ",
                _ => string.Empty,
            });
            if (trim.Characters is not null)
            {
                WriteExpression(trim.Characters, Precedence.Lowest);
                _out.Append(' ');
            }

            _out.Append("FROM ");
        }

        WriteExpression(trim.Source, Precedence.Lowest);
        _out.Append(')');
    }

    private void WriteJsonInput(SqlExpression json, SqlExpression path, SqlDataType? returning)
    {
        WriteExpression(json, Precedence.Lowest);
        _out.Append(", ");
        WriteExpression(path, Precedence.Lowest);
        if (returning is not null)
        {
            _out.Append(" RETURNING ");
            WriteType(returning);
        }
    }

    private void WriteJsonBehaviors(JsonBehavior? onEmpty, JsonBehavior? onError)
    {
        if (onEmpty is not null)
        {
            _out.Append(' ');
            WriteJsonBehavior(onEmpty);
            _out.Append(" ON EMPTY");
        }

        if (onError is not null)
        {
            _out.Append(' ');
            WriteJsonBehavior(onError);
            _out.Append(" ON ERROR");
        }
    }

    private void WriteJsonBehavior(JsonBehavior behavior)
    {
        switch (behavior.Kind)
        {
            case JsonBehaviorKind.Default:
                _out.Append("DEFAULT ");
                if (behavior.Default is not null)
                {
                    WriteExpression(behavior.Default, Precedence.Lowest);
                }

                break;
            default:
                _out.Append(behavior.Kind switch
                {
                    JsonBehaviorKind.Null => "NULL",
                    JsonBehaviorKind.Error => "ERROR",
                    JsonBehaviorKind.EmptyArray => "EMPTY ARRAY",
                    JsonBehaviorKind.EmptyObject => "EMPTY OBJECT",
                    JsonBehaviorKind.True => "TRUE",
                    JsonBehaviorKind.False => "FALSE",
                    _ => "UNKNOWN",
                });
                break;
        }
    }

    private void WriteJsonKeyValue(JsonKeyValue entry)
    {
        _out.Append("KEY ");
        WriteExpression(entry.Key, Precedence.Lowest);
        _out.Append(" VALUE ");
        WriteExpression(entry.Value, Precedence.Lowest);
    }

    private void WriteJsonNullHandling(JsonNullHandling handling, bool afterItems)
    {
        if (handling == JsonNullHandling.Default)
        {
            return;
        }

        if (afterItems)
        {
            _out.Append(' ');
        }

        _out.Append(handling == JsonNullHandling.Null ? "NULL ON NULL" : "ABSENT ON NULL");
    }
}
