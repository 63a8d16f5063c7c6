namespace Sluice.Connectors.Abstractions.Table;

/// <summary>Creates the source of a table whose <c>'connector'</c> is <see cref="ITableFactory.Name"/>.</summary>
public interface ITableSourceFactory : ITableFactory
{
    /// <summary>
    /// Creates the source. The options were validated against <see cref="ITableFactory.Descriptor"/> (and the
    /// chosen formats) before the call; the factory checks what the descriptor cannot express (e.g. column types).
    /// </summary>
    /// <exception cref="TableOptionException">The table's definition does not fit the connector.</exception>
    ITableSource CreateSource(TableContext context);
}
