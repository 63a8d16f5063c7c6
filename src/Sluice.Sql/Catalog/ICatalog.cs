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

    /// <summary>The function named <paramref name="name"/> (case-insensitive), built-in or user-defined, or null.</summary>
    FunctionDefinition? FindFunction(string name);

    /// <summary>All functions that can be called by name, for listings and did-you-mean suggestions.</summary>
    IEnumerable<FunctionDefinition> ListFunctions();
}
