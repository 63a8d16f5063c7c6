using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Source;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// Stands in for the <c>filesystem</c> source connector in restore runs: same name and options (the cases' tables
/// stay plain Flink SQL), but the source is a <see cref="PausingFileSource"/> of the one file at <c>path</c>.
/// </summary>
internal sealed class PausingFileTableFactory(RestoreSchedule schedule) : ITableSourceFactory
{
    /// <inheritdoc />
    public string Name => FileSystemTableFactory.ConnectorName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => FileSystemTableFactory.ConnectorDescriptor;

    /// <inheritdoc />
    public ITableSource CreateSource(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.GetOption("path")!;
        if (!File.Exists(path))
        {
            throw new TableOptionException($"Table '{context.TableName}': golden cases read one existing file, not '{path}'.", "path");
        }

        if (context.GetOption("source.monitor-interval") is not null)
        {
            throw new TableOptionException($"Table '{context.TableName}': golden cases read bounded files ('source.monitor-interval' is not supported).",
                "source.monitor-interval");
        }

        var format = context.GetFormat();
        var formatOptions = context.GetFormatOptions(format);
        var schema = context.Schema;
        format.CreateDecoder(schema, formatOptions).Dispose();
        var source = new PausingFileSource(path, () => format.CreateDecoder(schema, formatOptions), schedule);
        return new TableSource(schema, format.ChangelogMode, new SourceHandle<PausingFileSplit>(source));
    }
}
