using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Catalog;

/// <summary>
/// A catalog that DDL statements can change. The DDL executor validates statements (existence, conflicts,
/// positions of errors) before it calls these members, so they only store.
/// </summary>
public interface IMutableCatalog : ICatalog
{
    /// <summary>Stores <paramref name="table"/>, replacing any object of the same name.</summary>
    void PutTable(CatalogBaseTable table);

    /// <summary>Removes the table or view named <paramref name="identifier"/>; false when there was none.</summary>
    bool RemoveTable(ObjectIdentifier identifier);

    /// <summary>
    /// Registers a function through the API as a temporary system function (as Flink's
    /// <c>createTemporarySystemFunction</c>: visible in every database), replacing one of the same name.
    /// </summary>
    /// <exception cref="ArgumentException">The name is that of a built-in function.</exception>
    void RegisterFunction(FunctionDefinition function);

    /// <summary>Removes a temporary system function; false when there was none.</summary>
    bool RemoveFunction(string name);

    /// <summary>
    /// Stores a user-defined function in its scope (a temporary system function by name, the others by identifier),
    /// replacing one of the same scope and name.
    /// </summary>
    void PutFunction(CatalogFunction function);

    /// <summary>
    /// Removes the function of <paramref name="scope"/> named <paramref name="identifier"/> (for a temporary system
    /// function only its name counts); false when there was none.
    /// </summary>
    bool RemoveFunction(FunctionScope scope, ObjectIdentifier identifier);

    /// <summary>The function of exactly <paramref name="scope"/> named <paramref name="identifier"/> (for a temporary system function only its name counts), or null.</summary>
    CatalogFunction? FindFunction(FunctionScope scope, ObjectIdentifier identifier);

    /// <summary>The catalogs, in no particular order.</summary>
    IEnumerable<CatalogInfo> ListCatalogs();

    /// <summary>The catalog named <paramref name="name"/> (case-sensitive), or null.</summary>
    CatalogInfo? FindCatalog(string name);

    /// <summary>The databases of <paramref name="catalog"/>, in no particular order (none when it does not exist).</summary>
    IEnumerable<DatabaseInfo> ListDatabases(string catalog);

    /// <summary>The database <paramref name="database"/> of <paramref name="catalog"/>, or null.</summary>
    DatabaseInfo? FindDatabase(string catalog, string database);

    /// <summary>Stores a new catalog with its (empty) default database, replacing any catalog of the same name.</summary>
    void PutCatalog(CatalogInfo catalog);

    /// <summary>Opens the stores of catalog types other than <c>generic_in_memory</c>; null when there are none.</summary>
    ICatalogStoreProvider? StoreProvider { get; }

    /// <summary>
    /// Stores a catalog whose databases and tables are those of <paramref name="store"/> (read-only; the session's
    /// temporary objects in it are kept here), replacing any catalog of the same name. The catalog owns the store.
    /// </summary>
    void PutCatalog(CatalogInfo catalog, ICatalogStore store);

    /// <summary>The store of <paramref name="catalog"/> when it is a catalog of another system, else null.</summary>
    ICatalogStore? FindStore(string catalog);

    /// <summary>
    /// Replaces the stored information of an existing catalog (<c>ALTER CATALOG</c>); its databases, tables and views
    /// stay, and its default database is created when missing.
    /// </summary>
    void AlterCatalog(CatalogInfo catalog);

    /// <summary>Removes a catalog with its databases and their tables and views; false when there was none.</summary>
    bool RemoveCatalog(string name);

    /// <summary>Stores a database (its catalog exists), replacing any database of the same name; its tables stay.</summary>
    void PutDatabase(DatabaseInfo database);

    /// <summary>Removes a database with its tables, views and catalog functions; false when there was none.</summary>
    bool RemoveDatabase(string catalog, string database);

    /// <summary>Makes <paramref name="catalog"/>.<paramref name="database"/> (which exists) the current database.</summary>
    void SetCurrent(string catalog, string database);
}
