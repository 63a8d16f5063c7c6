using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Catalog;
using Sluice.Connectors.Postgres.Cdc;
using Sluice.Connectors.Postgres.Table;

namespace Sluice.Connectors.Postgres;

/// <summary>
/// Registers the PostgreSQL connectors: <c>postgres</c>, <c>jdbc</c> (PostgreSQL URLs) and <c>postgres-cdc</c>, and the
/// <c>jdbc</c> catalog type.
/// </summary>
public static class PostgresConnector
{
    /// <summary>Adds the <c>postgres</c>, <c>jdbc</c> and <c>postgres-cdc</c> connectors and the <c>jdbc</c> catalog type to <paramref name="registry"/>.</summary>
    public static ConnectorRegistry AddPostgresConnectors(this ConnectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(new PostgresTableFactory("postgres")).Add(new PostgresTableFactory("jdbc")).Add(new PostgresCdcTableFactory())
            .AddCatalog(new PostgresCatalogFactory());
    }
}
