using System.Globalization;
using Npgsql;
using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Postgres.Connection;

/// <summary>
/// Turns a JDBC URL <c>jdbc:postgresql://host[:port][/database][?key=value&amp;...]</c> into an Npgsql connection string.
/// Understood query parameters: <c>sslmode</c>, <c>currentSchema</c>, <c>user</c>, <c>password</c>,
/// <c>connectTimeout</c>, <c>ApplicationName</c>; others are rejected so that a typo is not silently ignored.
/// </summary>
internal static class JdbcUrl
{
    private const string Prefix = "jdbc:postgresql://";

    /// <summary>Parses <paramref name="url"/> (the value of <paramref name="optionKey"/>) into a connection string builder.</summary>
    /// <exception cref="TableOptionException">The URL is not a PostgreSQL JDBC URL or cannot be parsed.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string url, string optionKey, string owner)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var what = url.StartsWith("jdbc:", StringComparison.OrdinalIgnoreCase)
                ? $"'{url.Split(':', 3)[1]}' JDBC URLs are not supported: only PostgreSQL ('jdbc:postgresql://host:port/database')"
                : "expected a URL of the form 'jdbc:postgresql://host:port/database'";
            throw new TableOptionException($"Invalid value '{url}' for option '{optionKey}' of {owner}: {what}.", optionKey, owner);
        }

        var rest = url[Prefix.Length..];
        var query = "";
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? Uri.UnescapeDataString(rest[(slash + 1)..]) : "";
        if (hostPort.Length == 0)
        {
            throw new TableOptionException($"Invalid value '{url}' for option '{optionKey}' of {owner}: the host is missing.", optionKey, owner);
        }

        var builder = new NpgsqlConnectionStringBuilder();
        var host = hostPort;
        var colon = hostPort.LastIndexOf(':');
        if (colon > 0 && !hostPort.EndsWith(']'))
        {
            host = hostPort[..colon];
            if (!int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
            {
                throw new TableOptionException($"Invalid value '{url}' for option '{optionKey}' of {owner}: the port '{hostPort[(colon + 1)..]}' is not a number.",
                    optionKey, owner);
            }

            builder.Port = port;
        }

        builder.Host = host.Trim('[', ']');
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq >= 0 ? pair[..eq] : pair);
            var value = eq >= 0 ? Uri.UnescapeDataString(pair[(eq + 1)..]) : "";
            try
            {
                switch (key.ToUpperInvariant())
                {
                    case "SSLMODE":
                        builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
                        break;
                    case "CURRENTSCHEMA":
                        builder.SearchPath = value;
                        break;
                    case "USER":
                        builder.Username = value;
                        break;
                    case "PASSWORD":
                        builder.Password = value;
                        break;
                    case "CONNECTTIMEOUT":
                        builder.Timeout = int.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "APPLICATIONNAME":
                        builder.ApplicationName = value;
                        break;
                    default:
                        throw new TableOptionException(
                            $"Unsupported parameter '{key}' in option '{optionKey}' of {owner}: supported are sslmode, currentSchema, user, password, connectTimeout, ApplicationName.",
                            optionKey, owner);
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
            {
                throw new TableOptionException($"Invalid parameter '{pair}' in option '{optionKey}' of {owner}: {ex.Message}", optionKey, owner, ex);
            }
        }

        return builder;
    }
}
