using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Catalog;

/// <summary>
/// The session's catalogs held in memory, as Flink's <c>generic_in_memory</c> catalogs: <c>default_catalog</c> with
/// <c>default_database</c> to begin with, catalogs and databases created and dropped by DDL, one current catalog and
/// database, the built-in functions and user-defined functions: temporary system functions (global), temporary functions
/// and catalog functions (each in a database; see <see cref="FunctionResolution"/>). Objects created here live as long as
/// the instance. A catalog of another type (<c>jdbc</c>) answers from its <see cref="ICatalogStore"/>: databases and
/// tables are read from it, and only the session's temporary tables and views in it are kept here.
/// </summary>
/// <remarks>Not thread-safe: a catalog belongs to one session.</remarks>
public sealed class InMemoryCatalog : IMutableCatalog
{
    /// <summary>Flink's default catalog name.</summary>
    public const string DefaultCatalogName = "default_catalog";

    /// <summary>Flink's default database name.</summary>
    public const string DefaultDatabaseName = "default_database";

    private static readonly IReadOnlyDictionary<string, string> NoOptions = new Dictionary<string, string>();

    private readonly Dictionary<ObjectIdentifier, CatalogBaseTable> _tables = [];
    private readonly Dictionary<string, CatalogInfo> _catalogs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Catalog, string Database), DatabaseInfo> _databases = [];
    private readonly FunctionRegistry _functions;
    private readonly Dictionary<string, CatalogFunction> _systemFunctions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<ObjectIdentifier, CatalogFunction> _temporaryFunctions = [];
    private readonly Dictionary<ObjectIdentifier, CatalogFunction> _catalogFunctions = [];
    private readonly Dictionary<string, ICatalogStore> _stores = new(StringComparer.Ordinal);

    /// <summary>Creates a catalog with its one database, current, and the built-in functions.</summary>
    /// <param name="catalogName">The first catalog's name.</param>
    /// <param name="databaseName">Its database's name.</param>
    /// <param name="storeProvider">Opens catalogs of other types (<c>CREATE CATALOG ... 'type' = 'jdbc'</c>), or null.</param>
    public InMemoryCatalog(string catalogName = DefaultCatalogName, string databaseName = DefaultDatabaseName, ICatalogStoreProvider? storeProvider = null)
    {
        StoreProvider = storeProvider;
        ArgumentException.ThrowIfNullOrEmpty(catalogName);
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        PutCatalog(new CatalogInfo(catalogName, databaseName, null, new Dictionary<string, string> { ["type"] = "generic_in_memory" }));
        CurrentCatalog = catalogName;
        CurrentDatabase = databaseName;
        _functions = new FunctionRegistry(BuiltInFunctions.All);
    }

    /// <inheritdoc />
    public string CurrentCatalog { get; private set; }

    /// <inheritdoc />
    public string CurrentDatabase { get; private set; }

    /// <inheritdoc />
    public ICatalogStoreProvider? StoreProvider { get; }

    /// <inheritdoc />
    public CatalogBaseTable? FindTable(ObjectIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (_tables.TryGetValue(identifier, out var table))
        {
            return table;
        }

        // One request to the store: it answers null for a missing database as for a missing table.
        return _stores.TryGetValue(identifier.Catalog, out var store) ? store.FindTable(identifier) : null;
    }

    /// <inheritdoc />
    public IEnumerable<CatalogBaseTable> ListTables(string catalog, string database)
    {
        var own = _tables.Values.Where(t => t.Identifier.Catalog == catalog && t.Identifier.Database == database);
        if (_stores.TryGetValue(catalog, out var store) && store.DatabaseExists(database))
        {
            // A temporary table hides the store's table of its name, as it does in Flink.
            var temporary = own.ToList();
            var hidden = temporary.Select(t => t.Identifier.Name).ToHashSet(StringComparer.Ordinal);
            own = temporary.Concat(store.ListTables(catalog, database).Where(t => !hidden.Contains(t.Identifier.Name)));
        }

        return own.OrderBy(t => t.Identifier.Name, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public FunctionDefinition? FindFunction(string name) => FunctionResolution.Resolve(this, name);

    /// <inheritdoc />
    public IEnumerable<FunctionDefinition> ListFunctions() => FunctionResolution.Callable(this, _functions.All);

    /// <inheritdoc />
    public FunctionDefinition? FindSystemFunction(string name) =>
        _systemFunctions.GetValueOrDefault(name)?.Definition ?? _functions.Find(name);

    /// <inheritdoc />
    public CatalogFunction? FindCatalogFunction(ObjectIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var key = CatalogFunction.Key(identifier);
        return _temporaryFunctions.GetValueOrDefault(key) ?? _catalogFunctions.GetValueOrDefault(key);
    }

    /// <inheritdoc />
    public IEnumerable<CatalogFunction> ListUserFunctions(string catalog, string database) =>
        _systemFunctions.Values
            .Concat(_temporaryFunctions.Values.Where(f => f.Identifier!.Catalog == catalog && f.Identifier.Database == database))
            .Concat(_catalogFunctions.Values.Where(f => f.Identifier!.Catalog == catalog && f.Identifier.Database == database))
            .OrderBy(f => f.Name, StringComparer.Ordinal);

    /// <inheritdoc />
    public void PutTable(CatalogBaseTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _tables[table.Identifier] = table;
    }

    /// <inheritdoc />
    public bool RemoveTable(ObjectIdentifier identifier) => _tables.Remove(identifier);

    /// <inheritdoc />
    public void RegisterFunction(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (_functions.Find(function.Name) is { IsBuiltIn: true })
        {
            throw new ArgumentException($"'{function.Name}' is a built-in function.", nameof(function));
        }

        _systemFunctions[function.Name] = new CatalogFunction(FunctionScope.TemporarySystem, null, function);
    }

    /// <inheritdoc />
    public bool RemoveFunction(string name) => _systemFunctions.Remove(name);

    /// <inheritdoc />
    public void PutFunction(CatalogFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        switch (function.Scope)
        {
            case FunctionScope.TemporarySystem:
                _systemFunctions[function.Name] = function;
                break;
            case FunctionScope.Temporary:
                _temporaryFunctions[CatalogFunction.Key(RequireIdentifier(function))] = function;
                break;
            default:
                _catalogFunctions[CatalogFunction.Key(RequireIdentifier(function))] = function;
                break;
        }
    }

    /// <inheritdoc />
    public bool RemoveFunction(FunctionScope scope, ObjectIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return scope switch
        {
            FunctionScope.TemporarySystem => _systemFunctions.Remove(identifier.Name),
            FunctionScope.Temporary => _temporaryFunctions.Remove(CatalogFunction.Key(identifier)),
            _ => _catalogFunctions.Remove(CatalogFunction.Key(identifier)),
        };
    }

    /// <inheritdoc />
    public CatalogFunction? FindFunction(FunctionScope scope, ObjectIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return scope switch
        {
            FunctionScope.TemporarySystem => _systemFunctions.GetValueOrDefault(identifier.Name),
            FunctionScope.Temporary => _temporaryFunctions.GetValueOrDefault(CatalogFunction.Key(identifier)),
            _ => _catalogFunctions.GetValueOrDefault(CatalogFunction.Key(identifier)),
        };
    }

    /// <inheritdoc />
    public IEnumerable<CatalogInfo> ListCatalogs() => _catalogs.Values;

    /// <inheritdoc />
    public CatalogInfo? FindCatalog(string name) => _catalogs.GetValueOrDefault(name);

    /// <inheritdoc />
    public IEnumerable<DatabaseInfo> ListDatabases(string catalog) =>
        _stores.TryGetValue(catalog, out var store)
            ? store.ListDatabases().Select(d => new DatabaseInfo(catalog, d, null, NoOptions))
            : _databases.Values.Where(d => d.Catalog == catalog);

    /// <inheritdoc />
    public DatabaseInfo? FindDatabase(string catalog, string database)
    {
        if (_stores.TryGetValue(catalog, out var store))
        {
            return store.DatabaseExists(database) ? new DatabaseInfo(catalog, database, null, NoOptions) : null;
        }

        return _databases.GetValueOrDefault((catalog, database));
    }

    /// <inheritdoc />
    public void PutCatalog(CatalogInfo catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        RemoveCatalog(catalog.Name);
        _catalogs[catalog.Name] = catalog;
        PutDatabase(new DatabaseInfo(catalog.Name, catalog.DefaultDatabase, null, NoOptions));
    }

    /// <inheritdoc />
    public void PutCatalog(CatalogInfo catalog, ICatalogStore store)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(store);
        RemoveCatalog(catalog.Name);
        _catalogs[catalog.Name] = catalog;
        _stores[catalog.Name] = store;
    }

    /// <inheritdoc />
    public ICatalogStore? FindStore(string catalog) => _stores.GetValueOrDefault(catalog);

    /// <inheritdoc />
    public void AlterCatalog(CatalogInfo catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalogs[catalog.Name] = catalog;
        if (FindDatabase(catalog.Name, catalog.DefaultDatabase) is null)
        {
            PutDatabase(new DatabaseInfo(catalog.Name, catalog.DefaultDatabase, null, NoOptions));
        }
    }

    /// <inheritdoc />
    public bool RemoveCatalog(string name)
    {
        if (_stores.Remove(name, out var store))
        {
            store.Dispose();
            foreach (var identifier in _tables.Keys.Where(t => t.Catalog == name).ToList())
            {
                _tables.Remove(identifier);
            }
        }

        foreach (var database in _databases.Values.Where(d => d.Catalog == name).ToList())
        {
            RemoveDatabase(name, database.Name);
        }

        return _catalogs.Remove(name);
    }

    /// <inheritdoc />
    public void PutDatabase(DatabaseInfo database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _databases[(database.Catalog, database.Name)] = database;
    }

    /// <inheritdoc />
    public bool RemoveDatabase(string catalog, string database)
    {
        foreach (var identifier in _tables.Keys.Where(t => t.Catalog == catalog && t.Database == database).ToList())
        {
            _tables.Remove(identifier);
        }

        foreach (var key in _catalogFunctions.Keys.Where(f => f.Catalog == catalog && f.Database == database).ToList())
        {
            _catalogFunctions.Remove(key);
        }

        return _databases.Remove((catalog, database));
    }

    private static ObjectIdentifier RequireIdentifier(CatalogFunction function) =>
        function.Identifier ?? throw new ArgumentException($"The {function.Scope} function '{function.Name}' needs an identifier.", nameof(function));

    /// <inheritdoc />
    public void SetCurrent(string catalog, string database)
    {
        CurrentCatalog = catalog;
        CurrentDatabase = database;
    }
}
