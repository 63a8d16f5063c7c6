using Sluice.Runtime.Graph;
using Sluice.Runtime.Partitioning;

namespace Sluice.DataStream.Translation;

/// <summary>
/// One producer feeding a stream, and how its elements are distributed to the consumer: <c>null</c> partitioner means
/// forward when the parallelism matches and round-robin otherwise.
/// </summary>
internal sealed record StreamRef(Transformation Producer, PartitionerKind? Partitioner = null, IBatchKeySelector? KeySelector = null);
