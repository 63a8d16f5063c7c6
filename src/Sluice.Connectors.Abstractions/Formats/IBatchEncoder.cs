using System.Buffers;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Abstractions.Formats;

/// <summary>Encodes the rows of a batch into bytes (a line-based or binary format). Stateless; thread-safe.</summary>
public interface IBatchEncoder
{
    /// <summary>Appends the encoding of every row of <paramref name="batch"/> to <paramref name="output"/>.</summary>
    void Encode(IBatch batch, IBufferWriter<byte> output);
}
