namespace Sluice.Sql.Catalog;

/// <summary>
/// Opens the stores of catalog types other than <c>generic_in_memory</c> (<c>CREATE CATALOG c WITH ('type' = 'jdbc',
/// ...)</c>); the SQL session supplies one built from its connector registry.
/// </summary>
public interface ICatalogStoreProvider
{
    /// <summary>The catalog types it opens, sorted.</summary>
    IReadOnlyList<string> Types { get; }

    /// <summary>Checks the options and opens the store of catalog <paramref name="catalogName"/> of <paramref name="type"/>.</summary>
    /// <exception cref="CatalogOptionException">An unknown, missing or invalid option, or the system cannot be reached.</exception>
    ICatalogStore Open(string catalogName, string type, IReadOnlyDictionary<string, string> options);
}
