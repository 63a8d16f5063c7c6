using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Source;

namespace Sluice.Connectors.Files;

/// <summary>Registers the <c>filesystem</c> table connector.</summary>
public static class FileSystemConnector
{
    /// <summary>Adds the <c>filesystem</c> connector (source and sink) to <paramref name="registry"/>.</summary>
    public static ConnectorRegistry AddFileSystemConnector(this ConnectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(new FileSystemTableFactory());
    }
}
