using Sluice.Core.Batches;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// A capability of a table source of a partitioned table (<c>PARTITIONED BY</c>): the planner pushes the conditions of
/// a query on partition columns into it, and the source skips the partitions they reject (directories are not listed
/// or read). The planner keeps the conditions after the scan, so the filter only has to be safe: it may keep more
/// partitions than match.
/// </summary>
public interface ISupportsPartitionPushDown : ITableSource
{
    /// <summary>The partition columns, in <c>PARTITIONED BY</c> order.</summary>
    IReadOnlyList<string> PartitionKeys { get; }

    /// <summary>
    /// A source that reads only the partitions <paramref name="filter"/> keeps. The filter gets a batch of candidate
    /// partitions (one row each; columns: <see cref="PartitionKeys"/> with their types in the table, NULL for the
    /// default partition) and returns for each row whether it may hold matching rows. It is called when splits are
    /// discovered (also later, for partitions found by continuous monitoring), never concurrently.
    /// </summary>
    /// <param name="filter">Keeps a partition when true.</param>
    /// <param name="description">The pushed conditions, for EXPLAIN and messages.</param>
    ITableSource ApplyPartitionFilter(Func<RecordBatch, bool[]> filter, string description);
}
