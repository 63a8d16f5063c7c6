using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>Expressions, with parentheses exactly where the parser's precedences need them.</summary>
public sealed partial class SqlFormatter
{
    private static int PrecedenceOf(SqlExpression expression) => expression switch
    {
        BinaryExpression binary => Precedence.Of(binary.Operator),
        UnaryExpression { Operator: UnaryOperator.Not } => Precedence.Not,
        UnaryExpression => Precedence.Unary,
        IsExpression => Precedence.Is,
        BetweenExpression or LikeExpression or InListExpression or InSubqueryExpression => Precedence.Between,
        ItemAccess or FieldAccess => Precedence.Postfix,
        _ => Precedence.Primary,
    };

    private void WriteExpression(SqlExpression expression, int minPrecedence)
    {
        var parenthesize = PrecedenceOf(expression) < minPrecedence;
        if (parenthesize)
        {
            _out.Append('(');
        }

        WriteExpressionCore(expression);
        if (parenthesize)
        {
            _out.Append(')');
        }
    }

    private void WriteExpressions(NodeList<SqlExpression> expressions) =>
        WriteList(expressions, e => WriteExpression(e, Precedence.Lowest));

    private void WriteExpressionCore(SqlExpression expression)
    {
        switch (expression)
        {
            case IdentifierExpression identifier when _quoteColumns:
                for (var i = 0; i < identifier.Name.Parts.Count; i++)
                {
                    _out.Append(i > 0 ? "." : "");
                    WriteQuotedIdentifier(identifier.Name.Parts[i].Value);
                }

                break;
            case IdentifierExpression identifier:
                WriteName(identifier.Name);
                break;
            case StarExpression star:
                if (star.Qualifier is not null)
                {
                    WriteName(star.Qualifier);
                    _out.Append('.');
                }

                _out.Append('*');
                break;
            case NumericLiteral number:
                _out.Append(number.Text);
                break;
            case StringLiteral text:
                WriteString(text.Value);
                break;
            case BinaryStringLiteral binary:
                _out.Append('X');
                WriteString(binary.HexDigits);
                break;
            case BooleanLiteral boolean:
                _out.Append(boolean.Value ? "TRUE" : "FALSE");
                break;
            case NullLiteral:
                _out.Append("NULL");
                break;
            case TypedLiteral typed:
                _out.Append(typed.Kind switch
                {
                    TypedLiteralKind.Date => "DATE ",
                    TypedLiteralKind.Time => "TIME ",
                    TypedLiteralKind.Timestamp => "TIMESTAMP ",
                    _ => "TIMESTAMP WITH LOCAL TIME ZONE ",
                });
                WriteString(typed.Value);
                break;
            case IntervalLiteral interval:
                _out.Append(interval.IsNegative ? "INTERVAL -" : "INTERVAL ");
                WriteString(interval.Value);
                _out.Append(' ');
                WriteIntervalQualifier(interval.Qualifier);
                break;
            case UnaryExpression unary:
                WriteUnary(unary);
                break;
            case BinaryExpression binary:
                WriteBinary(binary);
                break;
            case IsExpression test:
                WriteExpression(test.Operand, Precedence.Is);
                _out.Append(test.IsNegated ? " IS NOT " : " IS ").Append(test.Test switch
                {
                    IsTest.Null => "NULL",
                    IsTest.True => "TRUE",
                    IsTest.False => "FALSE",
                    IsTest.Json => "JSON",
                    IsTest.JsonScalar => "JSON SCALAR",
                    IsTest.JsonArray => "JSON ARRAY",
                    IsTest.JsonObject => "JSON OBJECT",
                    _ => "UNKNOWN",
                });
                break;
            case BetweenExpression between:
                WriteExpression(between.Operand, Precedence.Between);
                _out.Append(between.IsNegated ? " NOT BETWEEN " : " BETWEEN ").Append(between.Symmetry switch
                {
                    BetweenSymmetry.Asymmetric => "ASYMMETRIC ",
                    BetweenSymmetry.Symmetric => "SYMMETRIC ",
                    _ => string.Empty,
                });
                WriteExpression(between.Low, Precedence.Additive);
                _out.Append(" AND ");
                WriteExpression(between.High, Precedence.Additive);
                break;
            case LikeExpression like:
                WriteExpression(like.Operand, Precedence.Between);
                _out.Append(like.IsNegated ? " NOT " : " ").Append(like.Operator == LikeOperator.Like ? "LIKE " : "SIMILAR TO ");
                WriteExpression(like.Pattern, Precedence.Additive);
                if (like.Escape is not null)
                {
                    _out.Append(" ESCAPE ");
                    WriteExpression(like.Escape, Precedence.Additive);
                }

                break;
            case InListExpression inList:
                WriteExpression(inList.Operand, Precedence.Between);
                _out.Append(inList.IsNegated ? " NOT IN (" : " IN (");
                WriteExpressions(inList.Values);
                _out.Append(')');
                break;
            case InSubqueryExpression inQuery:
                WriteExpression(inQuery.Operand, Precedence.Between);
                _out.Append(inQuery.IsNegated ? " NOT IN (" : " IN (");
                WriteQuery(inQuery.Query, QueryLevelLowest);
                _out.Append(')');
                break;
            case ExistsExpression exists:
                _out.Append("EXISTS (");
                WriteQuery(exists.Query, QueryLevelLowest);
                _out.Append(')');
                break;
            case SubqueryExpression subquery:
                _out.Append('(');
                WriteQuery(subquery.Query, QueryLevelLowest);
                _out.Append(')');
                break;
            default:
                WriteCompositeExpression(expression);
                break;
        }
    }

    private void WriteUnary(UnaryExpression unary)
    {
        switch (unary.Operator)
        {
            case UnaryOperator.Not:
                _out.Append("NOT ");
                if (unary.Operand is UnaryExpression { Operator: UnaryOperator.Not })
                {
                    WriteExpressionCore(unary.Operand);
                }
                else
                {
                    WriteExpression(unary.Operand, Precedence.Is);
                }

                return;
            default:
                _out.Append(unary.Operator == UnaryOperator.Minus ? '-' : '+');

                // "- -x" must not become the comment "--x".
                if (unary.Operand is UnaryExpression { Operator: UnaryOperator.Minus or UnaryOperator.Plus })
                {
                    _out.Append(' ');
                }

                WriteExpression(unary.Operand, Precedence.Unary);
                return;
        }
    }

    private void WriteBinary(BinaryExpression binary)
    {
        var precedence = Precedence.Of(binary.Operator);
        WriteExpression(binary.Left, precedence);
        _out.Append(binary.Operator switch
        {
            BinaryOperator.Or => " OR ",
            BinaryOperator.And => " AND ",
            BinaryOperator.Equal => " = ",
            BinaryOperator.NotEqual => " <> ",
            BinaryOperator.Less => " < ",
            BinaryOperator.LessOrEqual => " <= ",
            BinaryOperator.Greater => " > ",
            BinaryOperator.GreaterOrEqual => " >= ",
            BinaryOperator.IsDistinctFrom => " IS DISTINCT FROM ",
            BinaryOperator.IsNotDistinctFrom => " IS NOT DISTINCT FROM ",
            BinaryOperator.Add => " + ",
            BinaryOperator.Subtract => " - ",
            BinaryOperator.Multiply => " * ",
            BinaryOperator.Divide => " / ",
            BinaryOperator.Modulo => " % ",
            BinaryOperator.Overlaps => " OVERLAPS ",
            _ => " || ",
        });
        WriteExpression(binary.Right, precedence + 1);
    }

    private void WriteCompositeExpression(SqlExpression expression)
    {
        switch (expression)
        {
            case CaseExpression caseExpression:
                _out.Append("CASE");
                if (caseExpression.Operand is not null)
                {
                    _out.Append(' ');
                    WriteExpression(caseExpression.Operand, Precedence.Lowest);
                }

                foreach (var when in caseExpression.WhenClauses)
                {
                    _out.Append(' ');
                    WriteWhen(when);
                }

                if (caseExpression.Else is not null)
                {
                    _out.Append(" ELSE ");
                    WriteExpression(caseExpression.Else, Precedence.Lowest);
                }

                _out.Append(" END");
                break;
            case CastExpression cast:
                _out.Append(cast.IsTry ? "TRY_CAST(" : "CAST(");
                WriteExpression(cast.Operand, Precedence.Lowest);
                _out.Append(" AS ");
                WriteType(cast.TargetType);
                _out.Append(')');
                break;
            case FunctionCall call:
                WriteFunctionCall(call);
                break;
            case NamedArgument named:
                WriteIdentifier(named.Name);
                _out.Append(" => ");
                WriteExpression(named.Value, Precedence.Lowest);
                break;
            case TableArgument table:
                WriteTableArgument(table);
                break;
            case DescriptorExpression descriptor:
                _out.Append("DESCRIPTOR");
                WriteIdentifierList(descriptor.Columns);
                break;
            case TimeUnitExpression unit:
                _out.Append(TimeUnits.ToSql(unit.Unit));
                break;
            case ArrayConstructor array:
                _out.Append("ARRAY[");
                WriteExpressions(array.Elements);
                _out.Append(']');
                break;
            case MapConstructor map:
                _out.Append("MAP[");
                WriteExpressions(map.Entries);
                _out.Append(']');
                break;
            case RowConstructor row:
                // A one-field row needs the keyword: "(x)" reads back as x.
                _out.Append(row.IsExplicit || row.Fields.Count < 2 ? "ROW(" : "(");
                WriteExpressions(row.Fields);
                _out.Append(')');
                break;
            case ItemAccess item:
                if (item.Target is IdentifierExpression)
                {
                    WriteExpressionCore(item.Target);
                }
                else
                {
                    WritePostfixTarget(item.Target);
                }

                _out.Append('[');
                WriteExpression(item.Index, Precedence.Lowest);
                _out.Append(']');
                break;
            case FieldAccess field:
                WritePostfixTarget(field.Target);
                _out.Append('.');
                WriteIdentifier(field.Field);
                break;
            case GroupingSetsExpression grouping:
                _out.Append(grouping.Kind switch
                {
                    GroupingKind.GroupingSets => "GROUPING SETS (",
                    GroupingKind.Rollup => "ROLLUP(",
                    _ => "CUBE(",
                });
                WriteExpressions(grouping.Elements);
                _out.Append(')');
                break;
            case EmptyGroupingSet:
                _out.Append("()");
                break;
            default:
                WriteSpecialFunction(expression);
                break;
        }
    }

    /// <summary>The target of <c>[]</c> or <c>.</c>: a bare name or number needs parentheses to stay one operand.</summary>
    private void WritePostfixTarget(SqlExpression target)
    {
        if (target is IdentifierExpression or NumericLiteral or StarExpression)
        {
            _out.Append('(');
            WriteExpressionCore(target);
            _out.Append(')');
        }
        else
        {
            WriteExpression(target, Precedence.Postfix);
        }
    }

    private void WriteWhen(WhenClause when)
    {
        _out.Append("WHEN ");
        WriteExpression(when.Condition, Precedence.Lowest);
        _out.Append(" THEN ");
        WriteExpression(when.Result, Precedence.Lowest);
    }
}
