using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>Queries and <c>FROM</c> clauses.</summary>
public sealed partial class SqlFormatter
{
    // Binding strength of query forms: UNION/EXCEPT < INTERSECT < SELECT/VALUES; WITH and ORDER BY need parentheses
    // anywhere but at the top of a query.
    private const int QueryLevelLowest = 0;
    private const int QueryLevelUnion = 1;
    private const int QueryLevelIntersect = 2;
    private const int QueryLevelPrimary = 3;

    private static int QueryLevelOf(SqlQuery query) => query switch
    {
        SetOperationQuery { Operator: SetOperator.Intersect } => QueryLevelIntersect,
        SetOperationQuery => QueryLevelUnion,
        SelectQuery or ValuesQuery => QueryLevelPrimary,
        _ => QueryLevelLowest,
    };

    private void WriteQuery(SqlQuery query, int minLevel)
    {
        var parenthesize = QueryLevelOf(query) < minLevel;
        if (parenthesize)
        {
            _out.Append('(');
        }

        switch (query)
        {
            case SelectQuery select:
                WriteSelect(select);
                break;
            case SetOperationQuery setOperation:
            {
                var level = QueryLevelOf(setOperation);
                WriteQuery(setOperation.Left, level);
                _out.Append(setOperation.Operator switch
                {
                    SetOperator.Union => " UNION",
                    SetOperator.Intersect => " INTERSECT",
                    _ => " EXCEPT",
                });
                _out.Append(setOperation.Quantifier switch
                {
                    SetQuantifier.All => " ALL ",
                    SetQuantifier.Distinct => " DISTINCT ",
                    _ => " ",
                });
                WriteQuery(setOperation.Right, level + 1);
                break;
            }

            case ValuesQuery values:
                _out.Append("VALUES ");
                WriteList(values.Rows, row =>
                {
                    if (row.IsExplicit)
                    {
                        WriteExpression(row, Precedence.Lowest);
                    }
                    else
                    {
                        _out.Append('(');
                        WriteExpressions(row.Fields);
                        _out.Append(')');
                    }
                });
                break;
            case WithQuery with:
                _out.Append("WITH ");
                WriteList(with.CommonTableExpressions, WriteCommonTableExpression);
                _out.Append(' ');
                WriteQuery(with.Body, with.Body is WithQuery ? QueryLevelUnion : QueryLevelLowest);
                break;
            case OrderedQuery ordered:
                WriteQuery(ordered.Body, QueryLevelUnion);
                if (ordered.OrderBy.Count > 0)
                {
                    _out.Append(" ORDER BY ");
                    WriteList(ordered.OrderBy, WriteOrderItem);
                }

                if (ordered.Limit is not null)
                {
                    _out.Append(" LIMIT ");
                    WriteExpression(ordered.Limit, Precedence.Lowest);
                }

                if (ordered.Offset is not null)
                {
                    _out.Append(" OFFSET ");
                    WriteExpression(ordered.Offset, Precedence.Lowest);
                }

                break;
            default:
                _out.Append("/* ").Append(query.GetType().Name).Append(" */");
                break;
        }

        if (parenthesize)
        {
            _out.Append(')');
        }
    }

    private void WriteCommonTableExpression(CommonTableExpression cte)
    {
        WriteIdentifier(cte.Name);
        if (cte.Columns.Count > 0)
        {
            _out.Append(' ');
            WriteIdentifierList(cte.Columns);
        }

        _out.Append(" AS (");
        WriteQuery(cte.Query, QueryLevelLowest);
        _out.Append(')');
    }

    private void WriteSelect(SelectQuery select)
    {
        _out.Append("SELECT ");
        if (select.Hints.Count > 0)
        {
            WriteHints(select.Hints);
            _out.Append(' ');
        }

        _out.Append(select.Quantifier switch
        {
            SetQuantifier.Distinct => "DISTINCT ",
            SetQuantifier.All => "ALL ",
            _ => string.Empty,
        });
        WriteList(select.Items, WriteSelectItem);
        if (select.From is not null)
        {
            _out.Append(" FROM ");
            WriteTableReference(select.From);
        }

        if (select.Where is not null)
        {
            _out.Append(" WHERE ");
            WriteExpression(select.Where, Precedence.Lowest);
        }

        if (select.GroupBy.Count > 0)
        {
            _out.Append(" GROUP BY ");
            WriteExpressions(select.GroupBy);
        }

        if (select.Having is not null)
        {
            _out.Append(" HAVING ");
            WriteExpression(select.Having, Precedence.Lowest);
        }

        if (select.Windows.Count > 0)
        {
            _out.Append(" WINDOW ");
            WriteList(select.Windows, WriteNamedWindow);
        }

        if (select.Qualify is not null)
        {
            _out.Append(" QUALIFY ");
            WriteExpression(select.Qualify, Precedence.Lowest);
        }
    }

    private void WriteSelectItem(SelectItem item)
    {
        WriteExpression(item.Expression, Precedence.Lowest);
        if (item.Alias is not null)
        {
            _out.Append(" AS ");
            WriteIdentifier(item.Alias);
        }
    }

    private void WriteNamedWindow(NamedWindow window)
    {
        WriteIdentifier(window.Name);
        _out.Append(" AS ");
        WriteWindowSpecification(window.Specification);
    }

    private void WriteTableReference(TableReference table)
    {
        switch (table)
        {
            case NamedTableReference named:
                WriteName(named.Name);
                if (named.Hints.Count > 0)
                {
                    _out.Append(' ');
                    WriteHints(named.Hints);
                }

                if (named.SystemTimeAsOf is not null)
                {
                    _out.Append(" FOR SYSTEM_TIME AS OF ");
                    WriteExpression(named.SystemTimeAsOf, Precedence.Lowest);
                }

                WriteAlias(named.Alias);
                break;
            case DerivedTableReference derived:
                _out.Append(derived.IsLateral ? "LATERAL (" : "(");
                WriteQuery(derived.Query, QueryLevelLowest);
                _out.Append(')');
                WriteAlias(derived.Alias);
                break;
            case TableFunctionReference function:
                _out.Append(function.IsLateral ? "LATERAL TABLE(" : "TABLE(");
                WriteFunctionCall(function.Call);
                _out.Append(')');
                WriteAlias(function.Alias);
                break;
            case UnnestReference unnest:
                _out.Append("UNNEST(");
                WriteExpressions(unnest.Arguments);
                _out.Append(')');
                if (unnest.WithOrdinality)
                {
                    _out.Append(" WITH ORDINALITY");
                }

                WriteAlias(unnest.Alias);
                break;
            case JoinReference join:
                WriteJoin(join);
                break;
            case MatchRecognizeReference match:
                WriteMatchRecognize(match);
                break;
            default:
                _out.Append("/* ").Append(table.GetType().Name).Append(" */");
                break;
        }
    }

    private void WriteJoin(JoinReference join)
    {
        WriteTableReference(join.Left);
        if (join.Kind == JoinKind.Comma)
        {
            _out.Append(", ");
        }
        else
        {
            _out.Append(join.IsNatural ? " NATURAL " : " ");
            _out.Append(join.Kind switch
            {
                JoinKind.Left => "LEFT JOIN ",
                JoinKind.Right => "RIGHT JOIN ",
                JoinKind.Full => "FULL JOIN ",
                JoinKind.Cross => "CROSS JOIN ",
                _ => "JOIN ",
            });
        }

        // Joins associate to the left; a join on the right needs parentheses.
        if (join.Right is JoinReference)
        {
            _out.Append('(');
            WriteTableReference(join.Right);
            _out.Append(')');
        }
        else
        {
            WriteTableReference(join.Right);
        }

        if (join.Condition is not null)
        {
            _out.Append(" ON ");
            WriteExpression(join.Condition, Precedence.Lowest);
        }
        else if (join.Using.Count > 0)
        {
            _out.Append(" USING ");
            WriteIdentifierList(join.Using);
        }
    }

    private void WriteAlias(TableAlias? alias)
    {
        if (alias is null)
        {
            return;
        }

        _out.Append(" AS ");
        WriteAliasBody(alias);
    }

    private void WriteAliasBody(TableAlias alias)
    {
        WriteIdentifier(alias.Name);
        if (alias.Columns.Count > 0)
        {
            _out.Append(' ');
            WriteIdentifierList(alias.Columns);
        }
    }
}
