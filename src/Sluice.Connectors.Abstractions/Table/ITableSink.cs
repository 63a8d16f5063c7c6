using Sluice.Core.Schemas;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// The sink of a table, as the planner sees it: the schema of the batches it consumes, the row kinds it accepts, and
/// the typed sink behind a handle. Immutable.
/// </summary>
/// <remarks>
/// The planner checks <c>AcceptedChangelogMode.Accepts(inputMode)</c>: an insert-only sink rejects a query that
/// updates; an upsert sink (<see cref="ChangelogMode.Upsert"/>, with the table's primary key) gets the stream with
/// <c>-U</c> rows dropped; a retract sink (<see cref="ChangelogMode.All"/>) gets every row.
/// </remarks>
public interface ITableSink
{
    /// <summary>The schema of the consumed batches: the table's physical columns.</summary>
    Schema ConsumedSchema { get; }

    /// <summary>The row kinds the sink accepts.</summary>
    ChangelogMode AcceptedChangelogMode { get; }

    /// <summary>The sink, behind a handle the runtime side opens with a visitor.</summary>
    ISinkHandle Sink { get; }

    /// <summary>
    /// Whether the sink replaces the table's data for <c>INSERT OVERWRITE</c> (it was created with
    /// <see cref="TableContext.Overwrite"/>); the planner rejects <c>INSERT OVERWRITE</c> into a sink that does not
    /// (Flink's <c>SupportsOverwrite</c>). False unless a sink says otherwise.
    /// </summary>
    bool SupportsOverwrite => false;

    /// <summary>
    /// Whether the sink writes a table declared with <c>DISTRIBUTED BY ... [INTO n BUCKETS]</c> into buckets (Flink's
    /// <c>SupportsBucketing</c>); the planner rejects writing a distributed table into a sink that does not. False
    /// unless a sink says otherwise; no built-in connector does (neither do Flink's own, Kafka included).
    /// </summary>
    bool SupportsBucketing => false;
}
