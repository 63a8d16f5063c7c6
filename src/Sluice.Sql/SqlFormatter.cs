using System.Text;
using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>
/// Turns syntax trees back into SQL text: one canonical spelling per tree (upper-case keywords, single spaces,
/// backtick quotes only where needed, parentheses only where precedence requires them, synonyms folded, e.g.
/// <c>!=</c> to <c>&lt;&gt;</c> and <c>INTEGER</c> to <c>INT</c>).
/// </summary>
/// <remarks>
/// The output parses back to a tree equal to the input apart from source spans, so formatting is a fixed point:
/// <c>Format(Parse(Format(Parse(x)))) == Format(Parse(x))</c>. Stateless and thread-safe.
/// </remarks>
public sealed partial class SqlFormatter
{
    private readonly StringBuilder _out = new();
    private readonly bool _quoteColumns;

    private SqlFormatter(bool quoteColumns = false)
    {
        _quoteColumns = quoteColumns;
    }

    /// <summary>The canonical SQL text of <paramref name="node"/>.</summary>
    public static string Format(SqlNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var formatter = new SqlFormatter();
        formatter.WriteNode(node);
        return formatter._out.ToString();
    }

    /// <summary>
    /// An expression as Flink serializes a table's expressions (computed columns, watermarks) for <c>DESCRIBE</c> and
    /// <c>SHOW CREATE TABLE</c>: canonical, with every column reference in backticks (<c>`ts` - INTERVAL '1' SECOND</c>).
    /// </summary>
    public static string FormatWithQuotedColumns(SqlExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var formatter = new SqlFormatter(quoteColumns: true);
        formatter.WriteNode(expression);
        return formatter._out.ToString();
    }

    /// <summary>A script: each statement in canonical form, followed by <c>;</c> and a line break.</summary>
    public static string FormatScript(IEnumerable<SqlStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var formatter = new SqlFormatter();
        foreach (var statement in statements)
        {
            formatter.WriteStatement(statement);
            formatter._out.Append(";\n");
        }

        return formatter._out.ToString();
    }

    private void WriteNode(SqlNode node)
    {
        switch (node)
        {
            case SqlStatement statement:
                WriteStatement(statement);
                break;
            case SqlQuery query:
                WriteQuery(query, QueryLevelLowest);
                break;
            case TableReference table:
                WriteTableReference(table);
                break;
            case SqlExpression expression:
                WriteExpression(expression, Precedence.Lowest);
                break;
            case SqlDataType type:
                WriteType(type);
                break;
            case Identifier identifier:
                WriteIdentifier(identifier);
                break;
            case QualifiedName name:
                WriteName(name);
                break;
            default:
                WriteOtherNode(node);
                break;
        }
    }

    /// <summary>The nodes that only appear inside others.</summary>
    private void WriteOtherNode(SqlNode node)
    {
        switch (node)
        {
            case Property property:
                WriteProperty(property);
                break;
            case Hint hint:
                WriteHint(hint);
                break;
            case HintOption option:
                WriteHintOption(option);
                break;
            case OrderItem item:
                WriteOrderItem(item);
                break;
            case TableAlias alias:
                WriteAliasBody(alias);
                break;
            case WhenClause whenClause:
                WriteWhen(whenClause);
                break;
            case WindowSpecification window:
                WriteWindowSpecification(window);
                break;
            case WindowFrame frame:
                WriteFrame(frame);
                break;
            case FrameBound bound:
                WriteFrameBound(bound);
                break;
            case IntervalQualifier qualifier:
                WriteIntervalQualifier(qualifier);
                break;
            case JsonBehavior behavior:
                WriteJsonBehavior(behavior);
                break;
            case JsonKeyValue entry:
                WriteJsonKeyValue(entry);
                break;
            case SelectItem item:
                WriteSelectItem(item);
                break;
            case NamedWindow window:
                WriteNamedWindow(window);
                break;
            case CommonTableExpression cte:
                WriteCommonTableExpression(cte);
                break;
            case ColumnDefinition column:
                WriteColumn(column);
                break;
            case WatermarkDefinition watermark:
                WriteWatermark(watermark);
                break;
            case PrimaryKeyConstraint key:
                WritePrimaryKey(key);
                break;
            case LikeClause like:
                WriteLikeClause(like);
                break;
            case LikeOption option:
                WriteLikeOption(option);
                break;
            case PartitionValue value:
                WritePartitionValue(value);
                break;
            case RowDataTypeField field:
                WriteRowField(field);
                break;
            case MatchMeasure or MatchDefinition or MatchSubset or MatchSkip or RowPattern:
                WriteMatchRecognizePart(node);
                break;
            default:
                _out.Append("/* ").Append(node.GetType().Name).Append(" */");
                break;
        }
    }

    // ----- lexical pieces -----

    private void WriteIdentifier(Identifier identifier) => WriteIdentifier(identifier.Value);

    private void WriteIdentifier(string name)
    {
        if (Keywords.NeedsQuoting(name))
        {
            WriteQuotedIdentifier(name);
        }
        else
        {
            _out.Append(name);
        }
    }

    private void WriteQuotedIdentifier(string name) =>
        _out.Append('`').Append(name.Replace("`", "``", StringComparison.Ordinal)).Append('`');

    private void WriteName(QualifiedName name)
    {
        for (var i = 0; i < name.Parts.Count; i++)
        {
            if (i > 0)
            {
                _out.Append('.');
            }

            WriteIdentifier(name.Parts[i]);
        }
    }

    private void WriteString(string value) => _out.Append('\'').Append(value.Replace("'", "''", StringComparison.Ordinal)).Append('\'');

    private void WriteIdentifierList(NodeList<Identifier> identifiers)
    {
        _out.Append('(');
        for (var i = 0; i < identifiers.Count; i++)
        {
            if (i > 0)
            {
                _out.Append(", ");
            }

            WriteIdentifier(identifiers[i]);
        }

        _out.Append(')');
    }

    private void WriteList<T>(NodeList<T> items, Action<T> write)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                _out.Append(", ");
            }

            write(items[i]);
        }
    }

    private void WriteProperty(Property property)
    {
        WriteString(property.Key);
        _out.Append(" = ");
        WriteString(property.Value);
    }

    private void WriteProperties(NodeList<Property> properties)
    {
        _out.Append('(');
        WriteList(properties, WriteProperty);
        _out.Append(')');
    }

    private void WriteHints(NodeList<Hint> hints)
    {
        _out.Append("/*+ ");
        WriteList(hints, WriteHint);
        _out.Append(" */");
    }

    private void WriteHint(Hint hint)
    {
        WriteIdentifier(hint.Name);
        if (hint.Options.Count > 0)
        {
            _out.Append('(');
            WriteList(hint.Options, WriteHintOption);
            _out.Append(')');
        }
    }

    private void WriteHintOption(HintOption option)
    {
        if (option.Key is not null)
        {
            WriteExpression(option.Key, Precedence.Lowest);
            _out.Append(" = ");
        }

        WriteExpression(option.Value, Precedence.Lowest);
    }

    private void WriteOrderItem(OrderItem item)
    {
        WriteExpression(item.Expression, Precedence.Lowest);
        switch (item.Direction)
        {
            case SortDirection.Ascending:
                _out.Append(" ASC");
                break;
            case SortDirection.Descending:
                _out.Append(" DESC");
                break;
        }

        switch (item.Nulls)
        {
            case NullOrdering.First:
                _out.Append(" NULLS FIRST");
                break;
            case NullOrdering.Last:
                _out.Append(" NULLS LAST");
                break;
        }
    }

    private void WriteComment(string? comment)
    {
        if (comment is not null)
        {
            _out.Append(" COMMENT ");
            WriteString(comment);
        }
    }
}
