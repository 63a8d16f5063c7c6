using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Operators;

/// <summary>An output that buffers elements into batches: where they go, and handing on what was buffered.</summary>
internal interface IBufferedOutput
{
    /// <summary>Sets where batches go; flushes what was buffered for the previous output.</summary>
    void SetOutput(IOutput output);

    /// <summary>Hands the buffered batch on.</summary>
    void Flush();

    /// <summary>Drops what was buffered.</summary>
    void Discard();
}
