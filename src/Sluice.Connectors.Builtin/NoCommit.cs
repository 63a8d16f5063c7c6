using Sluice.Core.Serialization;

namespace Sluice.Connectors.Builtin;

/// <summary>
/// The committable of sinks without transactions (print, blackhole): their writers never return one, so nothing is
/// kept in checkpoints and nothing is committed.
/// </summary>
public readonly record struct NoCommit
{
    /// <summary>The serializer (never called with a value in practice; writes nothing).</summary>
    public static ITypeSerializer<NoCommit> Serializer { get; } = new NoCommitSerializer();

    private sealed class NoCommitSerializer : ITypeSerializer<NoCommit>
    {
        public void Serialize(NoCommit value, BinaryBufferWriter writer)
        {
        }

        public NoCommit Deserialize(BinaryBufferReader reader) => default;
    }
}
