using System.Text;
using System.Text.RegularExpressions;
using Sluice.Core.Schemas;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary><c>SHOW ...</c>, <c>SHOW CREATE TABLE/VIEW</c> and <c>DESCRIBE</c>, as rows.</summary>
internal sealed partial class DdlExecutor
{
    private static readonly string[] DescribeColumns = ["name", "type", "null", "key", "extras", "watermark"];

    private StatementResult Show(ShowStatement show)
    {
        switch (show.Kind)
        {
            case ShowKind.Tables:
                return Listing("table name", Tables().Select(t => t.Identifier.Name), show);
            case ShowKind.Views:
                return Listing("view name", Tables().Where(t => t.Kind == CatalogObjectKind.View).Select(t => t.Identifier.Name), show);
            case ShowKind.Functions:
                return Listing("function name", _catalog.ListFunctions().Select(f => f.Name), show);
            case ShowKind.UserFunctions:
                return Listing("function name", _catalog.ListFunctions().Where(f => !f.IsBuiltIn).Select(f => f.Name), show);
            case ShowKind.Catalogs:
                return Listing("catalog name", [_catalog.CurrentCatalog], show);
            case ShowKind.Databases:
                return Listing("database name", [_catalog.CurrentDatabase], show);
            case ShowKind.CurrentCatalog:
                return StatementResult.OfStrings("current catalog name", [_catalog.CurrentCatalog]);
            case ShowKind.CurrentDatabase:
                return StatementResult.OfStrings("current database name", [_catalog.CurrentDatabase]);
            case ShowKind.CreateTable:
            {
                var identifier = Resolve(show.Target!);
                return _catalog.FindTable(identifier) switch
                {
                    CatalogTable table => StatementResult.OfStrings("result", [ShowCreateTable(table)]),
                    CatalogView => throw Invalid(show.Target!.Span, $"'{NameText(show.Target!)}' is a view; use SHOW CREATE VIEW"),
                    _ => throw TableNotFound(show.Target!, identifier),
                };
            }

            case ShowKind.CreateView:
            {
                var identifier = Resolve(show.Target!);
                return _catalog.FindTable(identifier) switch
                {
                    CatalogView view => StatementResult.OfStrings("result", [ShowCreateView(view)]),
                    CatalogTable => throw Invalid(show.Target!.Span, $"'{NameText(show.Target!)}' is a table; use SHOW CREATE TABLE"),
                    _ => throw TableNotFound(show.Target!, identifier, "View"),
                };
            }

            case ShowKind.Columns:
            {
                var result = DescribeTable(show.Target!);
                var rows = result.Rows.Where(r => Matches((string)r[0]!, show));
                return StatementResult.Of(result.ColumnNames, rows);
            }

            default:
                throw NotSupported(show.Span, $"SHOW {show.Kind.ToString().ToUpperInvariant()} is not supported");
        }
    }

    private IEnumerable<CatalogBaseTable> Tables() => _catalog.ListTables(_catalog.CurrentCatalog, _catalog.CurrentDatabase);

    private static StatementResult Listing(string column, IEnumerable<string> names, ShowStatement show) =>
        StatementResult.OfStrings(column, names.Where(n => Matches(n, show)).Order(StringComparer.Ordinal));

    /// <summary>True when <paramref name="name"/> passes the statement's <c>[NOT] LIKE 'pattern'</c> (<c>%</c> and <c>_</c> wildcards).</summary>
    private static bool Matches(string name, ShowStatement show)
    {
        if (show.LikePattern is null)
        {
            return true;
        }

        var regex = "^" + string.Concat(show.LikePattern.Select(c => c switch
        {
            '%' => ".*",
            '_' => ".",
            _ => Regex.Escape(c.ToString()),
        })) + "$";
        return Regex.IsMatch(name, regex, RegexOptions.Singleline | RegexOptions.CultureInvariant) != show.IsNotLike;
    }

    private StatementResult Describe(DescribeStatement describe) => DescribeTable(describe.Name);

    /// <summary>
    /// One row per column, as Flink's <c>DESCRIBE</c>: name, type (with <c>*ROWTIME*</c>/<c>*PROCTIME*</c>), nullability,
    /// key (<c>PRI(columns)</c>), extras (the computed expression or the metadata clause) and the watermark expression.
    /// </summary>
    private StatementResult DescribeTable(QualifiedName name)
    {
        var identifier = Resolve(name);
        switch (_catalog.FindTable(identifier))
        {
            case CatalogTable table:
            {
                var key = table.PrimaryKey is null ? null : $"PRI({string.Join(", ", table.PrimaryKey.Columns)})";
                // As Flink, a comment column only when some column has a comment.
                var comments = table.Columns.Any(c => c.Comment is not null);
                var rows = table.Columns.Select(c => (IReadOnlyList<object?>)
                [
                    c.Name,
                    TypeText(c),
                    c.Type.IsNullable,
                    table.PrimaryKey?.Columns.Contains(c.Name) == true ? key : "",
                    c.Kind == ColumnKind.Physical ? "" : c.Extras(includeType: false),
                    table.Watermark?.RowTimeColumn == c.Name ? table.Watermark.ExpressionText : "",
                    .. comments ? new object?[] { c.Comment ?? "" } : [],
                ]);
                return StatementResult.Of(comments ? [.. DescribeColumns, "comment"] : DescribeColumns, rows);
            }

            case CatalogView view:
                return StatementResult.Of(DescribeColumns, view.Schema.Fields.Select((f, i) => (IReadOnlyList<object?>)
                [
                    f.Name,
                    f.DataType.Nullable() + (i == view.Schema.RowTimeIndex ? " *ROWTIME*" : ""),
                    f.DataType.IsNullable,
                    "",
                    "",
                    "",
                ]));
            default:
                throw TableNotFound(name, identifier);
        }
    }

    private static string TypeText(CatalogColumn column) => column.Type.Nullable() + column.TimeAttribute switch
    {
        TimeAttribute.RowTime => " *ROWTIME*",
        TimeAttribute.ProcTime => " *PROCTIME*",
        _ => "",
    };

    /// <summary>The <c>CREATE TABLE</c> statement of a table, as Flink's <c>SHOW CREATE TABLE</c> prints it.</summary>
    private static string ShowCreateTable(CatalogTable table)
    {
        var builder = new StringBuilder("CREATE ");
        if (table.IsTemporary)
        {
            builder.Append("TEMPORARY ");
        }

        builder.Append("TABLE ").Append(table.Identifier.ToQuotedString()).Append(" (\n");
        var lines = table.Columns.Select(c => "  " + c + (c.Comment is null ? "" : " COMMENT " + Quote(c.Comment))).ToList();
        if (table.Watermark is not null)
        {
            lines.Add("  " + table.Watermark);
        }

        if (table.PrimaryKey is not null)
        {
            lines.Add("  " + table.PrimaryKey);
        }

        builder.Append(string.Join(",\n", lines)).Append("\n)");
        if (table.Comment is not null)
        {
            builder.Append("\nCOMMENT ").Append(Quote(table.Comment));
        }

        if (table.PartitionKeys.Count > 0)
        {
            builder.Append("\nPARTITIONED BY (").Append(string.Join(", ", table.PartitionKeys.Select(Quoted))).Append(')');
        }

        builder.Append("\nWITH (\n");
        builder.Append(string.Join(",\n", table.Options.Select(o => $"  {Quote(o.Key)} = {Quote(o.Value)}")));
        builder.Append("\n)\n");
        return builder.ToString();
    }

    private static string ShowCreateView(CatalogView view) =>
        $"CREATE {(view.IsTemporary ? "TEMPORARY " : "")}VIEW {view.Identifier.ToQuotedString()} ({string.Join(", ", view.ColumnNames.Select(Quoted))})"
        + (view.Comment is null ? "" : $"\nCOMMENT {Quote(view.Comment)}")
        + $" AS\n{view.QueryText}\n";

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Quoted(string name)
    {
        var builder = new StringBuilder();
        Field.AppendQuotedName(builder, name);
        return builder.ToString();
    }
}
