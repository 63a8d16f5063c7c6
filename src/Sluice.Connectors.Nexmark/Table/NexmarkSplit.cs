using System.Globalization;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Nexmark.Table;

/// <summary>
/// A share of the Nexmark stream: the event indexes <see cref="Next"/>, <see cref="Next"/> + <see cref="Stride"/>, ...
/// below <see cref="End"/> (split i of p owns the indexes i, i + p, ...). Its position is the next event index; the seed
/// and base time travel with it, so a restored reader continues exactly the same events.
/// </summary>
/// <param name="Index">The split's number.</param>
/// <param name="Next">The index of the next event to generate.</param>
/// <param name="End">The first index not generated (<see cref="long.MaxValue"/> when unbounded).</param>
/// <param name="Stride">The step between the split's indexes (the number of splits).</param>
/// <param name="Seed">The seed of the stream.</param>
/// <param name="BaseTime">The event time base of the stream in epoch milliseconds.</param>
public sealed record NexmarkSplit(int Index, long Next, long End, int Stride, long Seed, long BaseTime) : ISourceSplit
{
    /// <inheritdoc />
    public string SplitId => Index.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when every event of the split was generated.</summary>
    public bool IsFinished => Next >= End;

    /// <summary>The number of events left in the split (<see cref="long.MaxValue"/> when unbounded).</summary>
    public long Remaining => End == long.MaxValue ? long.MaxValue : Next >= End ? 0 : ((End - Next - 1) / Stride) + 1;

    /// <summary>The serializer of splits (a version byte, then the fields).</summary>
    public static ITypeSerializer<NexmarkSplit> Serializer { get; } = new SplitSerializer();

    private sealed class SplitSerializer : ITypeSerializer<NexmarkSplit>
    {
        private const byte Version = 1;

        public void Serialize(NexmarkSplit value, BinaryBufferWriter writer)
        {
            writer.WriteByte(Version);
            writer.WriteVarInt64(value.Index);
            writer.WriteVarInt64(value.Next);
            writer.WriteVarInt64(value.End);
            writer.WriteVarInt64(value.Stride);
            writer.WriteInt64(value.Seed);
            writer.WriteInt64(value.BaseTime);
        }

        public NexmarkSplit Deserialize(BinaryBufferReader reader)
        {
            var version = reader.ReadByte();
            if (version != Version)
            {
                throw new StateException($"Unsupported nexmark split version {version}.", ErrorDomain.User);
            }

            return new NexmarkSplit(checked((int)reader.ReadVarInt64()), reader.ReadVarInt64(), reader.ReadVarInt64(),
                checked((int)reader.ReadVarInt64()), reader.ReadInt64(), reader.ReadInt64());
        }
    }
}
