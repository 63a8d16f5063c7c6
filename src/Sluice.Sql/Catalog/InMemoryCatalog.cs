using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Catalog;

/// <summary>
/// A catalog held in memory: one catalog with one current database, the built-in functions and user-defined
/// functions. Objects created here live as long as the instance.
/// </summary>
/// <remarks>Not thread-safe: a catalog belongs to one session.</remarks>
public sealed class InMemoryCatalog : IMutableCatalog
{
    /// <summary>Flink's default catalog name.</summary>
    public const string DefaultCatalogName = "default_catalog";

    /// <summary>Flink's default database name.</summary>
    public const string DefaultDatabaseName = "default_database";

    private readonly Dictionary<ObjectIdentifier, CatalogBaseTable> _tables = [];
    private readonly FunctionRegistry _functions;

    /// <summary>Creates an empty catalog with the built-in functions.</summary>
    public InMemoryCatalog(string catalogName = DefaultCatalogName, string databaseName = DefaultDatabaseName)
    {
        ArgumentException.ThrowIfNullOrEmpty(catalogName);
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        CurrentCatalog = catalogName;
        CurrentDatabase = databaseName;
        _functions = new FunctionRegistry(BuiltInFunctions.All);
    }

    /// <inheritdoc />
    public string CurrentCatalog { get; }

    /// <inheritdoc />
    public string CurrentDatabase { get; }

    /// <inheritdoc />
    public CatalogBaseTable? FindTable(ObjectIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return _tables.GetValueOrDefault(identifier);
    }

    /// <inheritdoc />
    public IEnumerable<CatalogBaseTable> ListTables(string catalog, string database) =>
        _tables.Values
            .Where(t => t.Identifier.Catalog == catalog && t.Identifier.Database == database)
            .OrderBy(t => t.Identifier.Name, StringComparer.Ordinal);

    /// <inheritdoc />
    public FunctionDefinition? FindFunction(string name) => _functions.Find(name);

    /// <inheritdoc />
    public IEnumerable<FunctionDefinition> ListFunctions() => _functions.All;

    /// <inheritdoc />
    public void PutTable(CatalogBaseTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _tables[table.Identifier] = table;
    }

    /// <inheritdoc />
    public bool RemoveTable(ObjectIdentifier identifier) => _tables.Remove(identifier);

    /// <inheritdoc />
    public void RegisterFunction(FunctionDefinition function) => _functions.Register(function);

    /// <inheritdoc />
    public bool RemoveFunction(string name) => _functions.Remove(name);
}
