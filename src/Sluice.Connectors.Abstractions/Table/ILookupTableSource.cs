using Sluice.Core.Batches;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// A table source that can also answer point lookups by key, for lookup joins
/// (<c>JOIN t FOR SYSTEM_TIME AS OF s.proc_time AS d ON s.k = d.k</c>). A connector's factory returns one from
/// <see cref="ITableSourceFactory.CreateSource"/> when the table can be looked up; the planner checks for it.
/// </summary>
public interface ILookupTableSource : ITableSource
{
    /// <summary>
    /// Creates the lookup function of one subtask, for lookups on equality with <paramref name="keyColumns"/>
    /// (indexes into <see cref="ITableSource.ProducedSchema"/>, in the order the key batches carry them).
    /// </summary>
    /// <exception cref="TableOptionException">The table cannot be looked up on these columns.</exception>
    ILookupFunction CreateLookupFunction(IReadOnlyList<int> keyColumns);
}

/// <summary>
/// Looks rows of a table up by key, for one subtask of a lookup join.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> Called on the task thread only, never concurrently; a lookup may block on I/O.</para>
/// <para><b>Caching.</b> A connector that offers a cache (Flink's <c>lookup.cache.*</c> options) keeps it inside
/// its function; the join operator does not cache.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> once → <see cref="Lookup"/>* → <see cref="IDisposable.Dispose"/>.</para>
/// </remarks>
public interface ILookupFunction : IDisposable
{
    /// <summary>Opens connections; <paramref name="clock"/> is the job's processing-time clock (for cache TTLs).</summary>
    void Open(TimeProvider clock);

    /// <summary>
    /// Finds the rows of the table whose key columns equal each row of <paramref name="keys"/>.
    /// </summary>
    /// <param name="keys">One row per lookup, the key columns in the order given at creation; no selection, no
    /// row kinds, and no NULL key values (the join never looks NULL up). Owned by the caller.</param>
    /// <returns>The matching rows in the table's <see cref="ITableSource.ProducedSchema"/> and, for each, the index of
    /// the key row it matches (grouped by key row, ascending). The caller owns and disposes the batch.</returns>
    LookupResult Lookup(RecordBatch keys);
}

/// <summary>The answer of <see cref="ILookupFunction.Lookup"/>: matched rows and the key row each belongs to.</summary>
/// <param name="Rows">The matched table rows (insert kinds), owned by the receiver.</param>
/// <param name="KeyRows">For each matched row, the index of the key row it matches; ascending.</param>
public sealed record LookupResult(RecordBatch Rows, int[] KeyRows);
