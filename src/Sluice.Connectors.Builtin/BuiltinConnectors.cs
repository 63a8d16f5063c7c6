using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin.Blackhole;
using Sluice.Connectors.Builtin.Datagen;
using Sluice.Connectors.Builtin.Print;

namespace Sluice.Connectors.Builtin;

/// <summary>The connectors of this assembly: <c>print</c>, <c>blackhole</c> and <c>datagen</c>.</summary>
public static class BuiltinConnectors
{
    /// <summary>One factory of each connector (print writes to the console).</summary>
    public static IReadOnlyList<ITableFactory> All { get; } = [new PrintTableFactory(), new BlackholeTableFactory(), new DatagenTableFactory()];

    /// <summary>Registers every connector of this assembly in <paramref name="registry"/> and returns it.</summary>
    public static ConnectorRegistry AddBuiltinConnectors(this ConnectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var factory in All)
        {
            registry.Add(factory);
        }

        return registry;
    }
}
