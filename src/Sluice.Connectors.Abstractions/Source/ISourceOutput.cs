using Sluice.Core.Batches;

namespace Sluice.Connectors.Abstractions.Source;

/// <summary>Where a source reader emits its batches. Watermarks are generated per split from the batches' event times.</summary>
public interface ISourceOutput
{
    /// <summary>Emits a batch read from split <paramref name="splitId"/>; ownership passes to the output.</summary>
    void Emit(string splitId, IBatch batch);

    /// <summary>Reports that split <paramref name="splitId"/> has no more data.</summary>
    void SplitFinished(string splitId);
}
