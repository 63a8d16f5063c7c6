using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Planning;

/// <summary>
/// Executes DDL and utility statements against a mutable catalog: <c>CREATE TABLE</c> (with <c>LIKE</c> and
/// <c>AS SELECT</c>), <c>CREATE VIEW</c>, <c>CREATE CATALOG</c>, <c>CREATE DATABASE</c>, <c>USE</c>, <c>DROP</c>,
/// <c>ALTER TABLE</c>, <c>SHOW</c>, <c>DESCRIBE</c>, <c>EXPLAIN</c>, and the function statements other than creating one.
/// Every check happens before the catalog changes, so a failing statement changes nothing. Not thread-safe.
/// </summary>
internal sealed partial class DdlExecutor
{
    private readonly IMutableCatalog _catalog;
    private readonly string? _scriptDirectory;

    public DdlExecutor(IMutableCatalog catalog, string? scriptDirectory = null)
    {
        _catalog = catalog;
        _scriptDirectory = scriptDirectory;
    }

    public StatementResult Execute(SqlStatement statement)
    {
        RequireWritable(statement);
        return Dispatch(statement);
    }

    private StatementResult Dispatch(SqlStatement statement) => statement switch
    {
        CreateTableStatement create => CreateTable(create),
        CreateViewStatement view => CreateView(view),
        DropStatement drop => Drop(drop),
        AlterTableRenameStatement rename => Rename(rename),
        AlterTableSetStatement set => SetOptions(set),
        AlterTableResetStatement reset => ResetOptions(reset),
        AlterTableSchemaStatement schema => AlterSchema(schema),
        AlterTableDropStatement drop => AlterDrop(drop),
        AlterTableRenameColumnStatement renameColumn => AlterRenameColumn(renameColumn),
        AlterTableDistributionStatement distribution => AlterDistribution(distribution),
        ShowStatement show => Show(show),
        DescribeStatement describe => Describe(describe),
        ExplainStatement explain => StatementResult.Of(["plan"], [[Planner.Plan(explain.Statement, _catalog).Explain()]]),
        CreateFunctionStatement function => new Functions.UserDefinedFunctionLoader().Execute(function, _catalog),
        AlterFunctionStatement alterFunction => new Functions.UserDefinedFunctionLoader().Alter(alterFunction, _catalog),
        DescribeFunctionStatement describeFunction => DescribeFunction(describeFunction),
        CreateCatalogStatement catalog => CreateCatalog(catalog),
        CreateDatabaseStatement database => CreateDatabase(database),
        AlterCatalogStatement alterCatalog => AlterCatalog(alterCatalog),
        AlterDatabaseStatement alterDatabase => AlterDatabase(alterDatabase),
        DescribeCatalogStatement describeCatalog => DescribeCatalog(describeCatalog),
        UseStatement use => Use(use),
        QueryStatement or InsertStatement or StatementSetStatement => throw new SqlException(SqlErrorCode.ValidationError, statement.Span,
            "Queries and INSERT statements are planned with Planner.Bind, not executed as DDL"),
        _ => throw NotSupported(statement.Span, $"{StatementName(statement)} is handled by the session, not by the catalog"),
    };

    private static string StatementName(SqlStatement statement)
    {
        var name = statement.GetType().Name;
        return name.EndsWith("Statement", StringComparison.Ordinal) ? name[..^"Statement".Length] : name;
    }

    private ObjectIdentifier Resolve(QualifiedName name) =>
        ObjectIdentifier.Resolve(_catalog, name.Parts.Select(p => p.Value).ToArray(), name.Span);

    private static string Text(SqlNode node) => SqlFormatter.Format(node);

    /// <summary>A name as written, without quoting, for messages: <c>db.Out</c>.</summary>
    private static string NameText(QualifiedName name) => string.Join('.', name.Parts.Select(p => p.Value));

    private static SqlException NotSupported(SourceSpan span, string reason) => new(SqlErrorCode.NotSupported, span, reason);

    private static SqlException Invalid(SourceSpan span, string reason) => new(SqlErrorCode.ValidationError, span, reason);

    private SqlException TableNotFound(QualifiedName name, ObjectIdentifier identifier, string kind = "Table") =>
        new(SqlErrorCode.NotFound, name.Span, $"{kind} '{NameText(name)}' not found"
            + NameSuggestions.DidYouMean(identifier.Name, _catalog.ListTables(identifier.Catalog, identifier.Database).Select(t => t.Identifier.Name)));

    private StatementResult Drop(DropStatement drop)
    {
        switch (drop.Kind)
        {
            case DropObjectKind.Table or DropObjectKind.View:
            {
                var identifier = Resolve(drop.Name);
                var kind = drop.Kind == DropObjectKind.Table ? CatalogObjectKind.Table : CatalogObjectKind.View;
                var word = kind == CatalogObjectKind.Table ? "Table" : "View";
                var existing = _catalog.FindTableAt(identifier, drop.Name.Span);
                if (existing is null || (drop.IsTemporary && !existing.IsTemporary))
                {
                    if (drop.IfExists)
                    {
                        return StatementResult.Ok;
                    }

                    throw TableNotFound(drop.Name, identifier, drop.IsTemporary ? "Temporary " + word.ToLowerInvariant() : word);
                }

                if (existing.Kind != kind)
                {
                    var other = existing.Kind == CatalogObjectKind.Table ? "TABLE" : "VIEW";
                    throw Invalid(drop.Name.Span, $"'{NameText(drop.Name)}' is a {existing.Kind.ToString().ToLowerInvariant()}; drop it with DROP {other}");
                }

                _catalog.RemoveTable(identifier);
                return StatementResult.Ok;
            }

            case DropObjectKind.Function:
                return DropFunction(drop);

            case DropObjectKind.Catalog:
                return DropCatalog(drop);
            case DropObjectKind.Database:
                return DropDatabase(drop);
            default:
                throw NotSupported(drop.Span, $"DROP {drop.Kind.ToString().ToUpperInvariant()} is not supported");
        }
    }

    /// <summary>The table an ALTER TABLE changes, or null when it does not exist and the statement says IF EXISTS.</summary>
    private CatalogTable? AlterTarget(QualifiedName name, bool ifExists, out ObjectIdentifier identifier)
    {
        identifier = Resolve(name);
        return _catalog.FindTableAt(identifier, name.Span) switch
        {
            CatalogTable table => table,
            CatalogView => throw Invalid(name.Span, $"'{NameText(name)}' is a view; ALTER TABLE needs a table"),
            _ => ifExists ? null : throw TableNotFound(name, identifier),
        };
    }

    private StatementResult Rename(AlterTableRenameStatement rename)
    {
        var table = AlterTarget(rename.Name, rename.IfExists, out var identifier);
        if (table is null)
        {
            return StatementResult.Ok;
        }

        var target = Resolve(rename.NewName);
        RequireDatabaseOf(target, rename.NewName);
        if (_catalog.FindTableAt(target, rename.NewName.Span) is not null)
        {
            throw new SqlException(SqlErrorCode.AlreadyExists, rename.NewName.Span, $"Table '{NameText(rename.NewName)}' already exists");
        }

        _catalog.RemoveTable(identifier);
        _catalog.PutTable(table.WithIdentifier(target));
        return StatementResult.Ok;
    }

    private StatementResult SetOptions(AlterTableSetStatement set)
    {
        var table = AlterTarget(set.Name, set.IfExists, out _);
        if (table is null)
        {
            return StatementResult.Ok;
        }

        var options = new Dictionary<string, string>(table.Options, StringComparer.Ordinal);
        foreach (var option in CheckedOptions(set.Options))
        {
            options[option.Key] = option.Value;
        }

        _catalog.PutTable(table.WithOptions(options));
        return StatementResult.Ok;
    }

    private StatementResult ResetOptions(AlterTableResetStatement reset)
    {
        var table = AlterTarget(reset.Name, reset.IfExists, out _);
        if (table is null)
        {
            return StatementResult.Ok;
        }

        if (reset.Keys.Count == 0)
        {
            throw Invalid(reset.Span, "ALTER TABLE ... RESET needs at least one option key");
        }

        var options = new Dictionary<string, string>(table.Options, StringComparer.Ordinal);
        foreach (var key in reset.Keys)
        {
            if (key.Value == "connector")
            {
                throw Invalid(key.Span, "ALTER TABLE ... RESET cannot remove 'connector'; use SET to change it");
            }

            options.Remove(key.Value);
        }

        _catalog.PutTable(table.WithOptions(options));
        return StatementResult.Ok;
    }

    /// <summary>The options of a WITH or SET clause, each key once.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> CheckedOptions(IReadOnlyList<Property> properties)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            if (!seen.Add(property.Key))
            {
                throw Invalid(property.Span, $"Duplicate option '{property.Key}'");
            }
        }

        return properties.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToArray();
    }
}
