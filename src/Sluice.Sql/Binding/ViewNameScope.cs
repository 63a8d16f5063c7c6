using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Binding;

/// <summary>
/// The catalog as a view's query sees it: everything of <paramref name="catalog"/>, with the current catalog and
/// database those that were current when the view was created, so its short names keep naming the same tables and
/// functions.
/// </summary>
internal sealed class ViewNameScope(ICatalog catalog, string currentCatalog, string currentDatabase) : ICatalog
{
    public string CurrentCatalog => currentCatalog;

    public string CurrentDatabase => currentDatabase;

    public CatalogBaseTable? FindTable(ObjectIdentifier identifier) => catalog.FindTable(identifier);

    public IEnumerable<CatalogBaseTable> ListTables(string catalogName, string database) => catalog.ListTables(catalogName, database);

    public FunctionDefinition? FindFunction(string name) => FunctionResolution.Resolve(this, name);

    public IEnumerable<FunctionDefinition> ListFunctions() =>
        FunctionResolution.Callable(this, catalog.ListFunctions().Where(f => f.IsBuiltIn));

    public FunctionDefinition? FindSystemFunction(string name) => catalog.FindSystemFunction(name);

    public CatalogFunction? FindCatalogFunction(ObjectIdentifier identifier) => catalog.FindCatalogFunction(identifier);

    public IEnumerable<CatalogFunction> ListUserFunctions(string catalogName, string database) => catalog.ListUserFunctions(catalogName, database);
}
