namespace Sluice.Connectors.Abstractions.Table;

/// <summary>Creates the sink of a table whose <c>'connector'</c> is <see cref="ITableFactory.Name"/>.</summary>
public interface ITableSinkFactory : ITableFactory
{
    /// <summary>
    /// Creates the sink. The options were validated against <see cref="ITableFactory.Descriptor"/> (and the chosen
    /// formats) before the call; the factory checks what the descriptor cannot express (e.g. a required primary key).
    /// </summary>
    /// <exception cref="TableOptionException">The table's definition does not fit the connector.</exception>
    ITableSink CreateSink(TableContext context);
}
