using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Postgres.Tests.Support;

/// <summary>An <see cref="ISourceOutput"/> that keeps every emitted row as text (<c>+I[1, a]</c>) and the finished splits.</summary>
public sealed class CollectingOutput : ISourceOutput
{
    public List<string> Rows { get; } = [];

    public List<string> FinishedSplits { get; } = [];

    /// <summary>Called after each emitted batch (e.g. to change the table while a snapshot is read).</summary>
    public Action<int>? OnEmit { get; set; }

    public int Batches { get; private set; }

    public void Emit(string splitId, IBatch batch)
    {
        using var records = (RecordBatch)batch;
        Rows.AddRange(records.ToRowStrings());
        Batches++;
        OnEmit?.Invoke(Batches);
    }

    public void SplitFinished(string splitId) => FinishedSplits.Add(splitId);
}
