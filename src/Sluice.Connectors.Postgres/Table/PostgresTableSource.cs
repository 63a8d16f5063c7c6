using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Lookup;
using Sluice.Connectors.Postgres.Scan;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Postgres.Table;

/// <summary>The source of a <c>postgres</c> / <c>jdbc</c> table: a bounded scan, and lookups by key for lookup joins.</summary>
internal sealed class PostgresTableSource(PostgresScanSource scan, PostgresLookupOptions lookup) : ILookupTableSource
{
    public Schema ProducedSchema => scan.Options.Schema;

    public ChangelogMode ChangelogMode => ChangelogMode.InsertOnly;

    public ISourceHandle Source { get; } = new SourceHandle<PostgresScanSplit>(scan);

    public PostgresScanSource Scan => scan;

    public PostgresLookupOptions LookupOptions => lookup;

    public ILookupFunction CreateLookupFunction(IReadOnlyList<int> keyColumns)
    {
        ArgumentNullException.ThrowIfNull(keyColumns);
        if (keyColumns.Count == 0)
        {
            throw new TableOptionException($"A lookup on {scan.Options.Table.Quoted} needs at least one key column.");
        }

        foreach (var k in keyColumns)
        {
            if (k < 0 || k >= ProducedSchema.Count)
            {
                throw new TableOptionException($"The lookup key column index {k} is out of range for {scan.Options.Table.Quoted} ({ProducedSchema.Count} columns).");
            }
        }

        return new PostgresLookupFunction(scan.Options, [.. keyColumns], lookup);
    }
}
