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
                return Listing("table name", ShownTables(show).Select(t => t.Identifier.Name), show);
            case ShowKind.Views:
                return Listing("view name", ShownTables(show).Where(t => t.Kind == CatalogObjectKind.View).Select(t => t.Identifier.Name), show);
            case ShowKind.Functions:
                return ShowFunctions(show, userOnly: false);
            case ShowKind.UserFunctions:
                return ShowFunctions(show, userOnly: true);
            case ShowKind.Catalogs:
                return ShowCatalogs(show);
            case ShowKind.Databases:
                return ShowDatabases(show);
            case ShowKind.Modules:
                // The built-in functions are Flink's 'core' module, the only one (LOAD MODULE is not supported).
                return StatementResult.OfStrings("module name", ["core"]);
            case ShowKind.FullModules:
                return StatementResult.Of(["module name", "used"], [["core", true]]);
            case ShowKind.Jars:
                // ADD JAR is not supported, so the session has no added jars.
                return StatementResult.OfStrings("jars", []);
            case ShowKind.CurrentCatalog:
                return StatementResult.OfStrings("current catalog name", [_catalog.CurrentCatalog]);
            case ShowKind.CurrentDatabase:
                return StatementResult.OfStrings("current database name", [_catalog.CurrentDatabase]);
            case ShowKind.CreateTable:
            {
                var identifier = Resolve(show.Target!);
                return _catalog.FindTableAt(identifier, show.Target!.Span) switch
                {
                    CatalogTable table => StatementResult.OfStrings("result", [ShowCreateTable(table)]),
                    CatalogView => throw Invalid(show.Target!.Span, $"'{NameText(show.Target!)}' is a view; use SHOW CREATE VIEW"),
                    _ => throw TableNotFound(show.Target!, identifier),
                };
            }

            case ShowKind.CreateView:
            {
                var identifier = Resolve(show.Target!);
                return _catalog.FindTableAt(identifier, show.Target!.Span) switch
                {
                    CatalogView view => StatementResult.OfStrings("result", [ShowCreateView(view)]),
                    CatalogTable => throw Invalid(show.Target!.Span, $"'{NameText(show.Target!)}' is a table; use SHOW CREATE TABLE"),
                    _ => throw TableNotFound(show.Target!, identifier, "View"),
                };
            }

            case ShowKind.CreateCatalog:
                return StatementResult.OfStrings("result", [ShowCreateCatalog(RequireCatalog(show.Target!))]);

            case ShowKind.Columns:
            {
                var result = DescribeTable(show.Target!);
                var rows = result.Rows.Where(r => Matches((string)r[0]!, show));
                return StatementResult.Of(result.ColumnNames, rows);
            }

            case ShowKind.Partitions:
                return ShowPartitions(show);

            default:
                throw NotSupported(show.Span, $"SHOW {show.Kind.ToString().ToUpperInvariant()} is not supported");
        }
    }

    private static StatementResult Listing(string column, IEnumerable<string> names, ShowStatement show) =>
        StatementResult.OfStrings(column, names.Where(n => Matches(n, show)).Order(StringComparer.Ordinal));

    /// <summary>
    /// True when <paramref name="name"/> passes the statement's <c>[NOT] LIKE | ILIKE 'pattern'</c>, as Flink's MySQL-style
    /// patterns: <c>%</c> any characters, <c>_</c> one, <c>\%</c> and <c>\_</c> the characters themselves; <c>ILIKE</c>
    /// ignores case.
    /// </summary>
    private static bool Matches(string name, ShowStatement show)
    {
        if (show.LikePattern is null)
        {
            return true;
        }

        var regex = new StringBuilder("^");
        var pattern = show.LikePattern;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '%' or '_' or '\\')
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
                continue;
            }

            regex.Append(c switch
            {
                '%' => ".*",
                '_' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        regex.Append('$');
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (show.IsILike ? RegexOptions.IgnoreCase : RegexOptions.None);
        return Regex.IsMatch(name, regex.ToString(), options) != show.IsNotLike;
    }

    private StatementResult Describe(DescribeStatement describe) => DescribeTable(describe.Name);

    /// <summary>
    /// One row per column, as Flink's <c>DESCRIBE</c>: name, type (with <c>*ROWTIME*</c>/<c>*PROCTIME*</c>), nullability,
    /// key (<c>PRI(columns)</c>), extras (the computed expression or the metadata clause) and the watermark expression.
    /// </summary>
    private StatementResult DescribeTable(QualifiedName name)
    {
        var identifier = Resolve(name);
        switch (_catalog.FindTableAt(identifier, name.Span))
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
        var lines = table.Columns.Select(c => "  " + ShowCreateColumn(c) + (c.Comment is null ? "" : " COMMENT " + Quote(c.Comment))).ToList();
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

        if (table.Distribution is not null)
        {
            // As Flink: after the comment, before PARTITIONED BY.
            builder.Append('\n').Append(table.Distribution);
        }

        if (table.PartitionKeys.Count > 0)
        {
            builder.Append("\nPARTITIONED BY (").Append(string.Join(", ", table.PartitionKeys.Select(Quoted))).Append(')');
        }

        builder.Append("\nWITH (\n");
        builder.Append(string.Join(",\n", table.Options.Select(o => $"  {Quote(o.Key)} = {Quote(o.Value)}").Order(StringComparer.Ordinal)));
        builder.Append("\n)\n");
        return builder.ToString();
    }

    /// <summary>
    /// A column as Flink's <c>SHOW CREATE TABLE</c> writes it: types in their serializable form (<c>STRING</c> as
    /// <c>VARCHAR(2147483647)</c>, <c>BYTES</c> as <c>VARBINARY(2147483647)</c>, <c>TIMESTAMP_LTZ(p)</c> as
    /// <c>TIMESTAMP(p) WITH LOCAL TIME ZONE</c>), a computed column's expression instead of its type.
    /// </summary>
    private static string ShowCreateColumn(CatalogColumn column)
    {
        if (column.Kind == ColumnKind.Computed)
        {
            return column.ToString();
        }

        var type = SerializableTypeText(column.Type.ToString());
        var extras = column.Extras(includeType: false);
        return Quoted(column.Name) + " " + type + (extras.Length > 0 ? " " + extras : "");
    }

    private static string SerializableTypeText(string type)
    {
        type = Regex.Replace(type, @"\bSTRING\b", "VARCHAR(2147483647)", RegexOptions.CultureInvariant);
        type = Regex.Replace(type, @"\bBYTES\b", "VARBINARY(2147483647)", RegexOptions.CultureInvariant);
        return Regex.Replace(type, @"\bTIMESTAMP_LTZ\((\d)\)", "TIMESTAMP($1) WITH LOCAL TIME ZONE", RegexOptions.CultureInvariant);
    }

    /// <summary>As Flink's <c>SHOW CREATE VIEW</c>: the columns one per line, the comment, then <c>AS</c> and the query.</summary>
    private static string ShowCreateView(CatalogView view) =>
        $"CREATE {(view.IsTemporary ? "TEMPORARY " : "")}VIEW {view.Identifier.ToQuotedString()} (\n{string.Join(",\n", view.ColumnNames.Select(c => "  " + Quoted(c)))}\n)\n"
        + (view.Comment is null ? "" : $"COMMENT {Quote(view.Comment)}\n")
        + $"AS {view.QueryText}\n";

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Quoted(string name)
    {
        var builder = new StringBuilder();
        Field.AppendQuotedName(builder, name);
        return builder.ToString();
    }
}
