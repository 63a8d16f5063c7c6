namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// What every table factory has: the name that selects it and the descriptor of its options. Implementations are
/// stateless and thread-safe; they are registered once in a <see cref="ConnectorRegistry"/>.
/// </summary>
public interface ITableFactory
{
    /// <summary>The value of <c>'connector'</c> (or <c>'format'</c>) that selects this factory, e.g. <c>filesystem</c>.</summary>
    string Name { get; }

    /// <summary>The options it accepts, for validation and documentation.</summary>
    ConnectorDescriptor Descriptor { get; }
}
