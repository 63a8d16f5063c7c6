using Sluice.Connectors.Abstractions.Catalogs;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Physical.Session;

/// <summary>
/// The catalog types of a <see cref="ConnectorRegistry"/> (<see cref="ICatalogFactory"/>, e.g. <c>jdbc</c>) as the SQL
/// layer's <see cref="ICatalogStoreProvider"/>: each opened catalog's tables become <see cref="CatalogTable"/>s with
/// physical columns, the primary key and the connector options the factory gives them.
/// </summary>
internal sealed class RegistryCatalogStores(ConnectorRegistry registry) : ICatalogStoreProvider
{
    /// <inheritdoc />
    public IReadOnlyList<string> Types => registry.CatalogTypes;

    /// <inheritdoc />
    public ICatalogStore Open(string catalogName, string type, IReadOnlyDictionary<string, string> options)
    {
        if (!registry.TryGetCatalogFactory(type, out var factory))
        {
            throw new CatalogOptionException($"Catalog type '{type}' is not supported.", "type");
        }

        try
        {
            return new Store(type, factory.Open(catalogName, options));
        }
        catch (TableOptionException e)
        {
            throw new CatalogOptionException(e.Message, e.OptionKey, e);
        }
    }

    private sealed class Store(string type, IExternalCatalog catalog) : ICatalogStore
    {
        public string Type => type;

        public string DefaultDatabase => catalog.DefaultDatabase;

        public IReadOnlyList<string> ListDatabases() => catalog.ListDatabases();

        public bool DatabaseExists(string database) => catalog.DatabaseExists(database);

        public IReadOnlyList<CatalogTable> ListTables(string catalogName, string database) =>
            [.. catalog.ListTables(database).Select(t => ToCatalogTable(new ObjectIdentifier(catalogName, database, t.Name), t))];

        public CatalogTable? FindTable(ObjectIdentifier identifier) =>
            catalog.FindTable(identifier.Database, identifier.Name) is { } table ? ToCatalogTable(identifier, table) : null;

        public void Dispose() => catalog.Dispose();

        private static CatalogTable ToCatalogTable(ObjectIdentifier identifier, ExternalTable table)
        {
            var key = table.PrimaryKey.Count == 0
                ? null
                : new PrimaryKey(table.PrimaryKeyName ?? "PK_" + string.Join('_', table.PrimaryKey), table.PrimaryKey);
            return new CatalogTable(identifier, table.Schema.Fields.Select(f => CatalogColumn.Physical(f.Name, f.DataType)), primaryKey: key,
                options: table.Options, comment: table.Comment);
        }
    }
}
