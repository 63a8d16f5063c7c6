using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Catalog;

/// <summary>
/// Flink's function resolution over an <see cref="ICatalog"/>. An unqualified name is looked up as a temporary system
/// function, a built-in function, a temporary function of the current catalog and database, then a catalog function of
/// the current database; a qualified name (<c>db.f</c>, <c>cat.db.f</c>) only as a temporary or catalog function of
/// that database. Function names are case-insensitive; catalog and database names are not.
/// </summary>
public static class FunctionResolution
{
    /// <summary>The function an unqualified call of <paramref name="name"/> means in <paramref name="catalog"/>'s current database, or null.</summary>
    public static FunctionDefinition? Resolve(ICatalog catalog, string name)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(name);
        return catalog.FindSystemFunction(name)
            ?? catalog.FindCatalogFunction(new ObjectIdentifier(catalog.CurrentCatalog, catalog.CurrentDatabase, name))?.Definition;
    }

    /// <summary>The function a name of one, two or three parts means, or null (a name of more parts names none).</summary>
    public static FunctionDefinition? Resolve(ICatalog catalog, IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Count switch
        {
            1 => Resolve(catalog, parts[0]),
            2 => catalog.FindCatalogFunction(new ObjectIdentifier(catalog.CurrentCatalog, parts[0], parts[1]))?.Definition,
            3 => catalog.FindCatalogFunction(new ObjectIdentifier(parts[0], parts[1], parts[2]))?.Definition,
            _ => null,
        };
    }

    /// <summary>
    /// Every function an unqualified call can name in <paramref name="catalog"/>'s current database: temporary system
    /// functions first (they hide built-ins of their name), then built-ins, then the database's temporary and catalog
    /// functions whose names neither hides; ordered by name.
    /// </summary>
    public static IEnumerable<FunctionDefinition> Callable(ICatalog catalog, IEnumerable<FunctionDefinition> builtIns)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(builtIns);
        var byName = new Dictionary<string, FunctionDefinition>(StringComparer.OrdinalIgnoreCase);
        var user = catalog.ListUserFunctions(catalog.CurrentCatalog, catalog.CurrentDatabase).ToList();
        foreach (var function in user.Where(f => f.Scope == FunctionScope.TemporarySystem))
        {
            byName.TryAdd(function.Name, function.Definition);
        }

        foreach (var function in builtIns)
        {
            byName.TryAdd(function.Name, function);
        }

        foreach (var function in user.Where(f => f.Scope == FunctionScope.Temporary).Concat(user.Where(f => f.Scope == FunctionScope.Catalog)))
        {
            byName.TryAdd(function.Name, function.Definition);
        }

        return byName.Values.OrderBy(f => f.Name, StringComparer.Ordinal);
    }
}
