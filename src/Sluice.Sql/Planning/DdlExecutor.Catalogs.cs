using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// Catalogs and databases, as Flink's: <c>CREATE CATALOG</c> (type <c>generic_in_memory</c>, whose default database is
/// its <c>'default-database'</c> option, <c>default</c> unless set), <c>CREATE DATABASE</c>, <c>USE CATALOG</c>,
/// <c>USE [catalog.]database</c>, <c>DROP CATALOG</c>, <c>DROP DATABASE [RESTRICT | CASCADE]</c>, Flink 2's
/// <c>ALTER CATALOG c SET (...) | RESET (...) | COMMENT '...'</c>, <c>ALTER DATABASE [catalog.]db SET (...)</c>,
/// <c>SHOW CREATE CATALOG</c> and <c>DESCRIBE CATALOG [EXTENDED]</c>, and the listings <c>SHOW CATALOGS</c> and
/// <c>SHOW DATABASES [FROM catalog]</c>. A table or view is created only in a database that exists.
/// </summary>
internal sealed partial class DdlExecutor
{
    private const string InMemoryCatalogType = "generic_in_memory";
    private const string DefaultDatabaseOption = "default-database";

    private StatementResult CreateCatalog(CreateCatalogStatement create)
    {
        var name = create.Name.Value;
        if (_catalog.FindCatalog(name) is not null)
        {
            return create.IfNotExists ? StatementResult.Ok : throw Invalid(create.Name.Span, $"Catalog '{name}' already exists");
        }

        var options = create.Options.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!options.TryGetValue("type", out var type))
        {
            throw Invalid(create.Span, $"The options of catalog '{name}' do not contain the key 'type' that names its kind (Sluice has '{InMemoryCatalogType}')");
        }

        if (type != InMemoryCatalogType)
        {
            if (_catalog.StoreProvider?.Types.Contains(type) == true)
            {
                return CreateExternalCatalog(create, type, options);
            }

            var property = create.Options.First(p => p.Key == "type");
            throw NotSupported(property.Span, $"Catalog type '{type}' is not supported: the available types are {CatalogTypeList()}");
        }

        foreach (var property in create.Options.Where(p => p.Key is not "type" and not DefaultDatabaseOption))
        {
            throw Invalid(property.Span, $"Unsupported option '{property.Key}' of catalog type '{InMemoryCatalogType}' (its options are 'type' and '{DefaultDatabaseOption}')");
        }

        var defaultDatabase = options.GetValueOrDefault(DefaultDatabaseOption, "default");
        _catalog.PutCatalog(new CatalogInfo(name, defaultDatabase, create.Comment, options));
        return StatementResult.Ok;
    }

    /// <summary>
    /// <c>ALTER CATALOG</c>: sets or resets options (the catalog's type cannot change; <c>'default-database'</c>, reset
    /// to <c>default</c>, is created when missing, and the catalog keeps its databases, where Flink would open a new,
    /// empty in-memory catalog), or replaces the comment.
    /// </summary>
    private StatementResult AlterCatalog(AlterCatalogStatement alter)
    {
        var catalog = RequireCatalog(alter.Name.Value, alter.Name);
        if (_catalog.FindStore(catalog.Name) is { } store)
        {
            throw NotSupported(alter.Name.Span, $"ALTER CATALOG is not supported for catalog '{catalog.Name}' of type '{store.Type}' (drop and create it again)");
        }

        var options = new Dictionary<string, string>(catalog.Options, StringComparer.Ordinal);
        foreach (var property in alter.Options)
        {
            if (property.Key == "type" && property.Value != InMemoryCatalogType)
            {
                throw NotSupported(property.Span, $"ALTER CATALOG cannot change the type of catalog '{catalog.Name}' ('{InMemoryCatalogType}')");
            }

            if (property.Key is not "type" and not DefaultDatabaseOption)
            {
                throw Invalid(property.Span, $"Unsupported option '{property.Key}' of catalog type '{InMemoryCatalogType}' (its options are 'type' and '{DefaultDatabaseOption}')");
            }

            options[property.Key] = property.Value;
        }

        foreach (var key in alter.ResetKeys)
        {
            if (key.Value == "type")
            {
                throw Invalid(key.Span, "ALTER CATALOG RESET does not support changing 'type'");
            }

            options.Remove(key.Value);
        }

        _catalog.AlterCatalog(catalog with
        {
            Options = options,
            DefaultDatabase = options.GetValueOrDefault(DefaultDatabaseOption, "default"),
            Comment = alter.Comment ?? catalog.Comment,
        });
        return StatementResult.Ok;
    }

    /// <summary><c>ALTER DATABASE [catalog.]db SET (...)</c>: the properties are merged into the database's (Flink's rule).</summary>
    private StatementResult AlterDatabase(AlterDatabaseStatement alter)
    {
        var (catalog, name) = DatabaseName(alter.Name);
        var database = RequireDatabase(catalog, name, alter.Name);
        var properties = new Dictionary<string, string>(database.Properties, StringComparer.Ordinal);
        foreach (var property in alter.Options)
        {
            properties[property.Key] = property.Value;
        }

        _catalog.PutDatabase(database with { Properties = properties });
        return StatementResult.Ok;
    }

    /// <summary>
    /// <c>DESCRIBE CATALOG [EXTENDED] c</c>, as Flink: rows (<c>info name</c>, <c>info value</c>) of the name, type and
    /// comment (empty when none); <c>EXTENDED</c> adds <c>option:key</c> for every other option, by key.
    /// </summary>
    private StatementResult DescribeCatalog(DescribeCatalogStatement describe)
    {
        var catalog = RequireCatalog(describe.Name.Value, describe.Name);
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { "name", catalog.Name },
            new object?[] { "type", catalog.Options.GetValueOrDefault("type", string.Empty) },
            new object?[] { "comment", catalog.Comment ?? string.Empty },
        };
        if (describe.IsExtended)
        {
            rows.AddRange(catalog.Options.Where(o => o.Key != "type").OrderBy(o => o.Key, StringComparer.Ordinal)
                .Select(o => (IReadOnlyList<object?>)new object?[] { "option:" + o.Key, o.Value }));
        }

        return StatementResult.Of(["info name", "info value"], rows);
    }

    /// <summary>
    /// <c>SHOW CREATE CATALOG</c>, as Flink 2's: <c>CREATE CATALOG `c`</c>, the comment, and the options sorted by key, each
    /// part on its own line, ending with a line break.
    /// </summary>
    private static string ShowCreateCatalog(CatalogInfo catalog)
    {
        var builder = new System.Text.StringBuilder("CREATE CATALOG ").Append(Quoted(catalog.Name)).Append('\n');
        if (catalog.Comment is not null)
        {
            builder.Append("COMMENT ").Append(Quote(catalog.Comment)).Append('\n');
        }

        if (catalog.Options.Count > 0)
        {
            builder.Append("WITH (\n")
                .Append(string.Join(",\n", catalog.Options.Select(o => $"  {Quote(o.Key)} = {Quote(o.Value)}").Order(StringComparer.Ordinal)))
                .Append("\n)\n");
        }

        return builder.ToString();
    }

    private StatementResult CreateDatabase(CreateDatabaseStatement create)
    {
        var (catalog, database) = DatabaseName(create.Name);
        RequireCatalog(catalog, create.Name);
        if (_catalog.FindDatabase(catalog, database) is not null)
        {
            return create.IfNotExists
                ? StatementResult.Ok
                : throw Invalid(create.Name.Span, $"Database '{database}' already exists in catalog '{catalog}'");
        }

        _catalog.PutDatabase(new DatabaseInfo(catalog, database, create.Comment,
            create.Options.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)));
        return StatementResult.Ok;
    }

    private StatementResult Use(UseStatement use)
    {
        if (use.IsCatalog)
        {
            var catalog = RequireCatalog(use.Name);
            _catalog.SetCurrent(catalog.Name, catalog.DefaultDatabase);
            return StatementResult.Ok;
        }

        var (catalogName, database) = DatabaseName(use.Name);
        _catalog.SetCurrent(catalogName, RequireDatabase(catalogName, database, use.Name).Name);
        return StatementResult.Ok;
    }

    private StatementResult DropCatalog(DropStatement drop)
    {
        var name = drop.Name.Last.Value;
        if (drop.Name.Parts.Count != 1 || _catalog.FindCatalog(name) is null)
        {
            return drop.IfExists
                ? StatementResult.Ok
                : throw new SqlException(SqlErrorCode.NotFound, drop.Name.Span, $"Catalog '{NameText(drop.Name)}' does not exist");
        }

        if (name == _catalog.CurrentCatalog)
        {
            throw Invalid(drop.Name.Span, $"Catalog '{name}' is the current catalog and cannot be dropped (USE CATALOG another one first)");
        }

        _catalog.RemoveCatalog(name);
        return StatementResult.Ok;
    }

    private StatementResult DropDatabase(DropStatement drop)
    {
        var (catalog, database) = DatabaseName(drop.Name);
        if (_catalog.FindDatabase(catalog, database) is null)
        {
            return drop.IfExists
                ? StatementResult.Ok
                : throw new SqlException(SqlErrorCode.NotFound, drop.Name.Span, $"Database '{database}' does not exist in catalog '{catalog}'");
        }

        if (catalog == _catalog.CurrentCatalog && database == _catalog.CurrentDatabase)
        {
            throw Invalid(drop.Name.Span, $"Database '{database}' is the current database and cannot be dropped (USE another one first)");
        }

        if (drop.Behavior != DropBehavior.Cascade
            && (_catalog.ListTables(catalog, database).Any() || _catalog.ListUserFunctions(catalog, database).Any(f => f.Scope == FunctionScope.Catalog)))
        {
            throw Invalid(drop.Name.Span,
                $"Database '{database}' in catalog '{catalog}' is not empty; drop its tables, views and functions first, or use DROP DATABASE ... CASCADE");
        }

        _catalog.RemoveDatabase(catalog, database);
        return StatementResult.Ok;
    }

    private StatementResult ShowCatalogs(ShowStatement show) =>
        show.Target is { } target
            ? throw Invalid(target.Span, "SHOW CATALOGS takes no FROM or IN")
            : Listing("catalog name", _catalog.ListCatalogs().Select(c => c.Name), show);

    private StatementResult ShowDatabases(ShowStatement show)
    {
        var catalog = _catalog.CurrentCatalog;
        if (show.Target is { } target)
        {
            catalog = RequireCatalog(target).Name;
        }

        return Listing("database name", _catalog.ListDatabases(catalog).Select(d => d.Name), show);
    }

    /// <summary>The tables and views of <c>SHOW TABLES|VIEWS [FROM|IN [catalog.]database]</c>.</summary>
    private IEnumerable<CatalogBaseTable> ShownTables(ShowStatement show)
    {
        if (show.Target is not { } target)
        {
            return _catalog.ListTables(_catalog.CurrentCatalog, _catalog.CurrentDatabase);
        }

        var (catalog, database) = DatabaseName(target);
        RequireDatabase(catalog, database, target);
        return _catalog.ListTables(catalog, database);
    }

    /// <summary>The catalog and database of a one- or two-part database name.</summary>
    private (string Catalog, string Database) DatabaseName(QualifiedName name) => name.Parts.Count switch
    {
        1 => (_catalog.CurrentCatalog, name.Parts[0].Value),
        2 => (name.Parts[0].Value, name.Parts[1].Value),
        _ => throw Invalid(name.Span, $"'{NameText(name)}' has {name.Parts.Count} parts; a database name has at most two (catalog.database)"),
    };

    /// <summary>The database, or a positioned error naming what does not exist.</summary>
    private DatabaseInfo RequireDatabase(string catalog, string database, SqlNode at)
    {
        RequireCatalog(catalog, at);
        return _catalog.FindDatabase(catalog, database)
            ?? throw new SqlException(SqlErrorCode.NotFound, at.Span, $"Database '{database}' does not exist in catalog '{catalog}'"
                + NameSuggestions.DidYouMean(database, _catalog.ListDatabases(catalog).Select(d => d.Name)));
    }

    /// <summary>The catalog named by a one-part name, or a positioned error (a name of more parts names no catalog).</summary>
    private CatalogInfo RequireCatalog(QualifiedName name) =>
        name.Parts.Count == 1 ? RequireCatalog(name.Last.Value, name) : RequireCatalog(NameText(name), name, mayExist: false);

    /// <summary>The catalog <paramref name="catalog"/>, or a positioned error with a did-you-mean.</summary>
    private CatalogInfo RequireCatalog(string catalog, SqlNode at, bool mayExist = true) =>
        (mayExist ? _catalog.FindCatalog(catalog) : null)
        ?? throw new SqlException(SqlErrorCode.NotFound, at.Span, $"Catalog '{catalog}' does not exist"
            + NameSuggestions.DidYouMean(catalog, _catalog.ListCatalogs().Select(c => c.Name)));

    /// <summary>Checks that the database of a table or view about to be created exists.</summary>
    private void RequireDatabaseOf(ObjectIdentifier identifier, QualifiedName name) =>
        RequireDatabase(identifier.Catalog, identifier.Database, name);
}
