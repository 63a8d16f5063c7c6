using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Runtime.Graph;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// A translated subtree of the plan: the vertex that produces its batches, their schema (with the row-time column
/// when the rows carry an event-time attribute), the row kinds they carry, and the columns that identify a row when
/// the stream is keyed (the upsert key).
/// </summary>
/// <param name="Vertex">The producing vertex.</param>
/// <param name="Schema">The schema of the produced batches.</param>
/// <param name="Mode">The row kinds produced.</param>
/// <param name="UpsertKey">Columns unique per row at any time (for upsert sinks and dedup), or null when unknown.</param>
internal sealed record PhysicalStream(JobVertex Vertex, Schema Schema, ChangelogMode Mode, int[]? UpsertKey = null)
{
    /// <summary>The parallelism of the producing vertex.</summary>
    public int Parallelism => Vertex.Parallelism;

    /// <summary>True when only inserts are produced.</summary>
    public bool IsInsertOnly => Mode.IsInsertOnly;
}
