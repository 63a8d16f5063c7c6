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

    /// <summary>Registers a user-defined function, replacing one of the same name.</summary>
    /// <exception cref="ArgumentException">The name is that of a built-in function.</exception>
    void RegisterFunction(FunctionDefinition function);

    /// <summary>Removes a user-defined function; false when there was none.</summary>
    bool RemoveFunction(string name);
}
