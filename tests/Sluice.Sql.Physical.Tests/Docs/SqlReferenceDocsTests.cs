using System.Text.RegularExpressions;
using Sluice.Sql.Ast;
using Sluice.Sql.Physical.Session;

namespace Sluice.Sql.Physical.Tests.Docs;

/// <summary>docs/reference/sql.md cannot drift from the code: every statement, type and configuration key appears.</summary>
public sealed class SqlReferenceDocsTests
{
    private static readonly Dictionary<string, string> StatementHeadings = new()
    {
        ["AlterCatalogStatement"] = "### CREATE CATALOG, CREATE DATABASE, USE",
        ["AlterDatabaseStatement"] = "### CREATE CATALOG, CREATE DATABASE, USE",
        ["AlterFunctionStatement"] = "### CREATE FUNCTION",
        ["AlterTableDistributionStatement"] = "### ALTER TABLE",
        ["AlterTableDropStatement"] = "### ALTER TABLE",
        ["AlterTableRenameColumnStatement"] = "### ALTER TABLE",
        ["AlterTableRenameStatement"] = "### ALTER TABLE",
        ["AlterTableSchemaStatement"] = "### ALTER TABLE",
        ["AlterTableResetStatement"] = "### ALTER TABLE",
        ["AlterTableSetStatement"] = "### ALTER TABLE",
        ["CreateCatalogStatement"] = "### CREATE CATALOG",
        ["CreateDatabaseStatement"] = "### CREATE CATALOG, CREATE DATABASE",
        ["CreateFunctionStatement"] = "### CREATE FUNCTION",
        ["CreateTableStatement"] = "### CREATE TABLE",
        ["CreateViewStatement"] = "### CREATE VIEW",
        ["DescribeCatalogStatement"] = "### CREATE CATALOG, CREATE DATABASE, USE",
        ["DescribeFunctionStatement"] = "### CREATE FUNCTION",
        ["DescribeStatement"] = "### SHOW and DESCRIBE",
        ["DropStatement"] = "### DROP",
        ["ExplainStatement"] = "### EXPLAIN",
        ["InsertStatement"] = "### INSERT INTO",
        ["QueryStatement"] = "### SELECT",
        ["ResetStatement"] = "### SET and RESET",
        ["SetStatement"] = "### SET and RESET",
        ["ShowStatement"] = "### SHOW and DESCRIBE",
        ["StatementSetStatement"] = "### INSERT INTO and statement sets",
        ["UseStatement"] = ", USE",
    };

    private static string Reference() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "reference", "sql.md"));

    [Fact]
    public void Every_statement_the_parser_knows_has_a_section()
    {
        var text = Reference();
        var statements = typeof(SqlStatement).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SqlStatement)) && !t.IsAbstract)
            .Select(t => t.Name)
            .ToList();
        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            Assert.True(StatementHeadings.TryGetValue(statement, out var heading), $"{statement} is not mapped to a section of docs/reference/sql.md");
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_data_type_is_listed()
    {
        var text = Reference();
        foreach (var type in Enum.GetValues<PrimitiveTypeName>())
        {
            var sql = Regex.Replace(type.ToString(), "(?<=[a-z])(?=[A-Z])", "_").ToUpperInvariant()
                .Replace("TINY_INT", "TINYINT", StringComparison.Ordinal).Replace("SMALL_INT", "SMALLINT", StringComparison.Ordinal)
                .Replace("BIG_INT", "BIGINT", StringComparison.Ordinal).Replace("VAR_CHAR", "VARCHAR", StringComparison.Ordinal)
                .Replace("VAR_BINARY", "VARBINARY", StringComparison.Ordinal);
            Assert.Contains("`" + sql, text, StringComparison.Ordinal);
        }

        foreach (var composite in new[] { "`ARRAY<", "`MAP<", "`MULTISET<", "`ROW<", "`INTERVAL`" })
        {
            Assert.Contains(composite, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_configuration_key_the_session_reads_is_documented()
    {
        var text = Reference();
        foreach (var key in SqlSession.ConfigurationKeys)
        {
            Assert.Contains($"| `{key}` |", text, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot() => Sluice.Testing.RepositoryRoot.Find(typeof(SqlReferenceDocsTests).Assembly);
}
