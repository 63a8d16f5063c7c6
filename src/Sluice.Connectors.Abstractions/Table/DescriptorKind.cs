namespace Sluice.Connectors.Abstractions.Table;

/// <summary>What a <see cref="ConnectorDescriptor"/> describes: the value of a <c>'connector'</c> or of a <c>'format'</c> option.</summary>
public enum DescriptorKind
{
    /// <summary>A table connector (a source, a sink, or both), chosen with <c>'connector' = '&lt;name&gt;'</c>.</summary>
    Connector,

    /// <summary>A format, chosen with <c>'format'</c>, <c>'key.format'</c> or <c>'value.format'</c>.</summary>
    Format,

    /// <summary>A catalog type, chosen with <c>'type' = '&lt;name&gt;'</c> in <c>CREATE CATALOG</c>.</summary>
    Catalog,
}
