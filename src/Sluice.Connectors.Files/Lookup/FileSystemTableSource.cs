using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Source;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Files.Lookup;

/// <summary>
/// The source of a <c>filesystem</c> table: the scan of its files, and lookups by key for lookup joins
/// (<c>JOIN t FOR SYSTEM_TIME AS OF s.proc_time</c>), answered from the whole table held in memory as Flink's
/// filesystem lookup does (<see cref="FileSystemLookupFunction"/>).
/// </summary>
internal sealed class FileSystemTableSource(Schema schema, ChangelogMode changelogMode, FileSystemSourceOptions options, TimeSpan reloadInterval)
    : ILookupTableSource, ISupportsPartitionPushDown
{
    private readonly FileSystemSource scan = new(options);

    public Schema ProducedSchema => schema;

    public ChangelogMode ChangelogMode => changelogMode;

    public ISourceHandle Source => new SourceHandle<FileSourceSplit>(scan);

    public IReadOnlyList<string> PartitionKeys => options.Partitions?.Keys ?? [];

    /// <summary>The pushed-down partition conditions, for EXPLAIN; null when none were pushed.</summary>
    public string? PartitionFilterDescription { get; private init; }

    public ITableSource ApplyPartitionFilter(Func<Sluice.Core.Batches.RecordBatch, bool[]> filter, string description)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (options.Partitions is not { } partitions)
        {
            return this;
        }

        return new FileSystemTableSource(schema, changelogMode, options with { Partitions = partitions.WithFilter(filter) }, reloadInterval)
        {
            PartitionFilterDescription = description,
        };
    }

    public ILookupFunction CreateLookupFunction(IReadOnlyList<int> keyColumns)
    {
        ArgumentNullException.ThrowIfNull(keyColumns);
        var table = $"the filesystem table at '{scan.Options.Path}'";
        if (!changelogMode.IsInsertOnly)
        {
            throw new TableOptionException(
                $"A lookup join cannot read {table}: its format produces a changelog ({changelogMode}); use an insert-only format (csv, json, raw).",
                FileSystemTableFactory.FormatKey);
        }

        if (keyColumns.Count == 0)
        {
            throw new TableOptionException($"A lookup on {table} needs at least one key column.");
        }

        foreach (var k in keyColumns)
        {
            if (k < 0 || k >= schema.Count)
            {
                throw new TableOptionException($"The lookup key column index {k} is out of range for {table} ({schema.Count} columns).");
            }

            if (!LookupKeyEncoder.Supports(schema[k].DataType))
            {
                throw new TableOptionException($"{table} cannot be looked up on column {schema[k].Name} of type {schema[k].DataType}: lookup keys must be of a scalar type.");
            }
        }

        return new FileSystemLookupFunction(options with { MonitorInterval = null }, schema, [.. keyColumns], reloadInterval);
    }
}
