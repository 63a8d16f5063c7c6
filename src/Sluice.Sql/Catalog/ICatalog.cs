using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Catalog;

/// <summary>
/// What the binder needs to know about the world: tables, views and functions by name. The binder depends only
/// on this interface (as DataFusion's SQL planner depends only on its <c>ContextProvider</c>), so catalogs backed
/// by other stores can be plugged in.
/// </summary>
/// <remarks>Implementations need not be thread-safe: a catalog belongs to one session.</remarks>
public interface ICatalog
{
    /// <summary>The catalog that one- and two-part names resolve in.</summary>
    string CurrentCatalog { get; }

    /// <summary>The database that one-part names resolve in.</summary>
    string CurrentDatabase { get; }

    /// <summary>The table or view named <paramref name="identifier"/> (case-sensitive), or null.</summary>
    CatalogBaseTable? FindTable(ObjectIdentifier identifier);

    /// <summary>The tables and views of a database, for listings and did-you-mean suggestions.</summary>
    IEnumerable<CatalogBaseTable> ListTables(string catalog, string database);

    /// <summary>
    /// The function an unqualified call of <paramref name="name"/> (case-insensitive) means, in Flink's order: a temporary
    /// system function, a built-in function, a temporary function of the current catalog and database, a catalog function
    /// of the current database; or null (see <see cref="FunctionResolution"/>).
    /// </summary>
    FunctionDefinition? FindFunction(string name);

    /// <summary>All functions an unqualified call can name (built-in, temporary system, and those of the current database), for listings and did-you-mean suggestions.</summary>
    IEnumerable<FunctionDefinition> ListFunctions();

    /// <summary>The temporary system function or else the built-in function named <paramref name="name"/> (case-insensitive), or null.</summary>
    FunctionDefinition? FindSystemFunction(string name);

    /// <summary>The temporary function or else the catalog function of that identifier (the name case-insensitive), or null.</summary>
    CatalogFunction? FindCatalogFunction(ObjectIdentifier identifier);

    /// <summary>
    /// The user-defined functions seen from <paramref name="catalog"/>.<paramref name="database"/>: the temporary system
    /// functions, and that database's temporary and catalog functions.
    /// </summary>
    IEnumerable<CatalogFunction> ListUserFunctions(string catalog, string database);
}
