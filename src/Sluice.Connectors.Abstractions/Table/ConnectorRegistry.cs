using System.Diagnostics.CodeAnalysis;
using Sluice.Connectors.Abstractions.Catalogs;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// The table connectors and formats known to a session, by name: the SQL layer resolves a table's
/// <c>'connector'</c> here, and connectors resolve their <c>'format'</c> options here.
/// </summary>
/// <remarks>
/// <para><b>Creating sources and sinks.</b> <see cref="CreateSource"/> / <see cref="CreateSink"/> find the factory of
/// the table's <c>'connector'</c>, validate every option against its descriptor and the chosen formats
/// (<see cref="OptionValidator"/>), and call the factory with a context that can resolve formats.</para>
/// <para><b>Threading.</b> Register everything at start-up, before sharing; lookups are then thread-safe.</para>
/// </remarks>
public sealed class ConnectorRegistry
{
    private readonly SortedDictionary<string, ITableSourceFactory> _sources = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ITableSinkFactory> _sinks = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, IFormatFactory> _formats = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ICatalogFactory> _catalogs = new(StringComparer.Ordinal);

    /// <summary>The names of the source connectors, sorted.</summary>
    public IReadOnlyList<string> SourceNames => [.. _sources.Keys];

    /// <summary>The names of the sink connectors, sorted.</summary>
    public IReadOnlyList<string> SinkNames => [.. _sinks.Keys];

    /// <summary>The names of the formats, sorted.</summary>
    public IReadOnlyList<string> FormatNames => [.. _formats.Keys];

    /// <summary>The catalog types (besides the SQL layer's own <c>generic_in_memory</c>), sorted.</summary>
    public IReadOnlyList<string> CatalogTypes => [.. _catalogs.Keys];

    /// <summary>Registers a catalog factory under its type (its descriptor's name). Returns this registry.</summary>
    /// <exception cref="ArgumentException">Another catalog factory has the same type.</exception>
    public ConnectorRegistry AddCatalog(ICatalogFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (factory.Descriptor.Kind != DescriptorKind.Catalog || !_catalogs.TryAdd(factory.Descriptor.Name, factory))
        {
            throw new ArgumentException($"'{factory.Descriptor.Name}' is not a catalog type's descriptor, or a catalog factory of that type is already registered.", nameof(factory));
        }

        return this;
    }

    /// <summary>The catalog factory of <paramref name="type"/>, if any.</summary>
    public bool TryGetCatalogFactory(string type, [NotNullWhen(true)] out ICatalogFactory? factory) =>
        _catalogs.TryGetValue(type, out factory);

    /// <summary>The descriptors of every connector (source, sink or both), by name, for documentation.</summary>
    public IReadOnlyList<ConnectorDescriptor> ConnectorDescriptors =>
        [.. _sources.Values.Select(f => f.Descriptor).Concat(_sinks.Values.Select(f => f.Descriptor))
            .DistinctBy(d => d.Name).OrderBy(d => d.Name, StringComparer.Ordinal)];

    /// <summary>The descriptors of every format, by name.</summary>
    public IReadOnlyList<ConnectorDescriptor> FormatDescriptors => [.. _formats.Values.Select(f => f.Descriptor)];

    /// <summary>
    /// Registers a factory in every role it implements (<see cref="ITableSourceFactory"/>,
    /// <see cref="ITableSinkFactory"/>, <see cref="IFormatFactory"/>). Returns this registry.
    /// </summary>
    /// <exception cref="ArgumentException">Another factory has the same name in one of those roles, or the factory has no role.</exception>
    public ConnectorRegistry Add(ITableFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var any = false;
        if (factory is ITableSourceFactory source)
        {
            AddTo(_sources, source, "source connector");
            any = true;
        }

        if (factory is ITableSinkFactory sink)
        {
            AddTo(_sinks, sink, "sink connector");
            any = true;
        }

        if (factory is IFormatFactory format)
        {
            AddTo(_formats, format, "format");
            any = true;
        }

        if (!any)
        {
            throw new ArgumentException($"{factory.GetType().Name} is neither a source, a sink nor a format factory.", nameof(factory));
        }

        return this;
    }

    /// <summary>The source factory named <paramref name="name"/>, if any.</summary>
    public bool TryGetSourceFactory(string name, [NotNullWhen(true)] out ITableSourceFactory? factory) =>
        _sources.TryGetValue(name, out factory);

    /// <summary>The sink factory named <paramref name="name"/>, if any.</summary>
    public bool TryGetSinkFactory(string name, [NotNullWhen(true)] out ITableSinkFactory? factory) =>
        _sinks.TryGetValue(name, out factory);

    /// <summary>The format factory named <paramref name="name"/>, if any.</summary>
    public bool TryGetFormatFactory(string name, [NotNullWhen(true)] out IFormatFactory? factory) =>
        _formats.TryGetValue(name, out factory);

    /// <summary>The source factory named <paramref name="name"/>.</summary>
    /// <exception cref="TableOptionException">There is none; the message lists the available source connectors.</exception>
    public ITableSourceFactory GetSourceFactory(string name) =>
        _sources.TryGetValue(name, out var factory) ? factory : throw UnknownConnector(name, "source", _sources.Keys, _sinks.ContainsKey(name));

    /// <summary>The sink factory named <paramref name="name"/>.</summary>
    /// <exception cref="TableOptionException">There is none; the message lists the available sink connectors.</exception>
    public ITableSinkFactory GetSinkFactory(string name) =>
        _sinks.TryGetValue(name, out var factory) ? factory : throw UnknownConnector(name, "sink", _sinks.Keys, _sources.ContainsKey(name));

    /// <summary>The format factory named <paramref name="name"/>.</summary>
    /// <param name="name">The format's name.</param>
    /// <param name="formatKey">The option that named it, for the message.</param>
    /// <exception cref="TableOptionException">There is none; the message lists the available formats.</exception>
    public IFormatFactory GetFormatFactory(string name, string formatKey = "format")
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_formats.TryGetValue(name, out var factory))
        {
            return factory;
        }

        var message = $"Unsupported format '{name}' in option '{formatKey}'.";
        var suggestion = OptionValidator.Suggest(name, _formats.Keys);
        if (suggestion is not null)
        {
            message += $" Did you mean '{suggestion}'?";
        }

        message += _formats.Count == 0 ? " No formats are registered." : " Available formats: " + Quote(_formats.Keys) + ".";
        throw new TableOptionException(message, formatKey);
    }

    /// <summary>
    /// Validates the table's options for its <c>'connector'</c> and creates the source.
    /// </summary>
    /// <exception cref="TableOptionException">No or an unknown connector, or invalid options (every problem is listed).</exception>
    public ITableSource CreateSource(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var factory = GetSourceFactory(ConnectorName(context));
        Validate(context, factory.Descriptor);
        return factory.CreateSource(WithRegistry(context));
    }

    /// <summary>
    /// Validates the table's options for its <c>'connector'</c> and creates the sink.
    /// </summary>
    /// <exception cref="TableOptionException">No or an unknown connector, or invalid options (every problem is listed).</exception>
    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var factory = GetSinkFactory(ConnectorName(context));
        Validate(context, factory.Descriptor);
        return factory.CreateSink(WithRegistry(context));
    }

    /// <summary>Validates the table's options against <paramref name="connector"/> and the registered formats.</summary>
    /// <exception cref="TableOptionException">Every problem, one per line.</exception>
    public void Validate(TableContext context, ConnectorDescriptor connector)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            OptionValidator.Validate(context.Options, connector, FormatDescriptors);
        }
        catch (TableOptionException ex)
        {
            throw new TableOptionException($"Invalid options of table '{context.TableName}': {ex.Message}", ex.OptionKey, ex.Owner, ex);
        }
    }

    private static string ConnectorName(TableContext context) =>
        context.GetOption(OptionValidator.ConnectorKey) ?? throw new TableOptionException(
            $"Table '{context.TableName}' has no '{OptionValidator.ConnectorKey}' option.", OptionValidator.ConnectorKey);

    private TableContext WithRegistry(TableContext context) => context.Registry is null ? context with { Registry = this } : context;

    private static TableOptionException UnknownConnector(string name, string role, IEnumerable<string> available, bool hasOtherRole)
    {
        var names = available.ToList();
        var message = hasOtherRole
            ? $"Connector '{name}' cannot be used as a {role}."
            : $"Unsupported connector '{name}': no {role} connector has this name.";
        var suggestion = hasOtherRole ? null : OptionValidator.Suggest(name, names);
        if (suggestion is not null)
        {
            message += $" Did you mean '{suggestion}'?";
        }

        message += names.Count == 0 ? $" No {role} connectors are registered." : $" Available {role} connectors: {Quote(names)}.";
        return new TableOptionException(message, OptionValidator.ConnectorKey, $"connector '{name}'");
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static void AddTo<T>(SortedDictionary<string, T> map, T factory, string role)
        where T : ITableFactory
    {
        if (string.IsNullOrWhiteSpace(factory.Name) || factory.Name != factory.Descriptor.Name)
        {
            throw new ArgumentException($"The {role} factory's name '{factory.Name}' must equal its descriptor's name '{factory.Descriptor.Name}'.",
                nameof(factory));
        }

        if (map.TryGetValue(factory.Name, out var existing) && !ReferenceEquals(existing, factory))
        {
            throw new ArgumentException($"A {role} named '{factory.Name}' is already registered.", nameof(factory));
        }

        map[factory.Name] = factory;
    }
}
