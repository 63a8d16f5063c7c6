using Sluice.Connectors.Abstractions.Catalogs;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Postgres.Catalog;

/// <summary>
/// The <c>jdbc</c> catalog type for PostgreSQL, with Flink's options: <c>CREATE CATALOG pg WITH ('type' = 'jdbc',
/// 'base-url' = 'jdbc:postgresql://host:port', 'default-database' = 'db', 'username' = '...', 'password' = '...')</c>.
/// Opening it connects to the default database, so a wrong address, user or database is an error of the
/// <c>CREATE CATALOG</c> statement. See <see cref="PostgresCatalog"/>.
/// </summary>
public sealed class PostgresCatalogFactory : ICatalogFactory
{
    private const string BaseUrl = "base-url";
    private const string DefaultDatabase = "default-database";
    private const string Username = "username";
    private const string Password = "password";

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor { get; } = new("jdbc", DescriptorKind.Catalog, "A PostgreSQL server as a read-only catalog (Flink's JDBC catalog).",
    [
        new(BaseUrl, OptionType.String, "The server's JDBC URL without a database: 'jdbc:postgresql://host:port'.", isRequired: true),
        new(DefaultDatabase, OptionType.String, "The database USE CATALOG makes current; it must exist.", isRequired: true),
        new(Username, OptionType.String, "The user the catalog and its tables connect as.", isRequired: true),
        new(Password, OptionType.String, "The user's password (none: the server's other authentication, e.g. trust or a .pgpass file)."),
    ]);

    private string Owner => Descriptor.ToString();

    /// <inheritdoc />
    /// <remarks>Connecting to the default database checks the address, the user and that the database exists.</remarks>
    public IExternalCatalog Open(string catalogName, IReadOnlyDictionary<string, string> options)
    {
        ArgumentException.ThrowIfNullOrEmpty(catalogName);
        ArgumentNullException.ThrowIfNull(options);
        OptionValidator.Validate(options, Descriptor, []);
        var baseUrl = options[BaseUrl];
        var server = JdbcUrl.Parse(baseUrl, BaseUrl, Owner);
        if (!string.IsNullOrEmpty(server.Database))
        {
            throw new TableOptionException(
                $"Invalid value '{baseUrl}' for option '{BaseUrl}' of {Owner}: it must not name a database ('{server.Database}'); " +
                $"set '{DefaultDatabase}' instead, as in Flink.", BaseUrl, Owner);
        }

        var catalog = new PostgresCatalog(catalogName, baseUrl, server, options[DefaultDatabase], options[Username],
            options.GetValueOrDefault(Password));
        try
        {
            catalog.DatabaseExists(options[DefaultDatabase]);
        }
        catch (ConnectorException e) when (PostgresCatalog.IsMissingDatabase(e))
        {
            throw new TableOptionException(
                $"Invalid value '{options[DefaultDatabase]}' for option '{DefaultDatabase}' of {Owner}: the server has no such database.", DefaultDatabase, Owner, e);
        }
        catch (ConnectorException e)
        {
            throw new TableOptionException($"Cannot open catalog '{catalogName}': {e.Message}", BaseUrl, Owner, e);
        }

        return catalog;
    }
}
