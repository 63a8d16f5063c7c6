using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Nexmark.Table;

namespace Sluice.Connectors.Nexmark;

/// <summary>Registers the <c>nexmark</c> connector.</summary>
public static class NexmarkConnectors
{
    /// <summary>Adds the <c>nexmark</c> table factory to <paramref name="registry"/> and returns it.</summary>
    public static ConnectorRegistry AddNexmarkConnector(this ConnectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(new NexmarkTableFactory());
    }
}
