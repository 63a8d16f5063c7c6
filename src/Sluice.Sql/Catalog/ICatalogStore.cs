namespace Sluice.Sql.Catalog;

/// <summary>
/// The databases and tables of a catalog whose objects live in another system (a <c>jdbc</c> catalog): read-only, read
/// when asked. <see cref="InMemoryCatalog"/> answers for such a catalog from its store, except for the session's
/// temporary objects, which it keeps itself.
/// </summary>
/// <remarks>Not thread-safe: a catalog belongs to one session.</remarks>
public interface ICatalogStore : IDisposable
{
    /// <summary>The catalog's type (its <c>'type'</c> option), for messages.</summary>
    string Type { get; }

    /// <summary>The database <c>USE CATALOG</c> makes current.</summary>
    string DefaultDatabase { get; }

    /// <summary>The databases, sorted by name.</summary>
    IReadOnlyList<string> ListDatabases();

    /// <summary>True when <paramref name="database"/> exists.</summary>
    bool DatabaseExists(string database);

    /// <summary>The tables of <paramref name="database"/> (identifiers in catalog <paramref name="catalog"/>), sorted by name.</summary>
    IReadOnlyList<CatalogTable> ListTables(string catalog, string database);

    /// <summary>The table named by <paramref name="identifier"/>, or null when it or its database does not exist.</summary>
    /// <exception cref="Sluice.Core.Errors.SluiceException">The table cannot be described (the message says why).</exception>
    CatalogTable? FindTable(ObjectIdentifier identifier);
}
