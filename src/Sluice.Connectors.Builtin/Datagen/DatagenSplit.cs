using System.Globalization;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>
/// A range of datagen row numbers: <see cref="Next"/>, <see cref="Next"/> + <see cref="Stride"/>, ... below
/// <see cref="End"/>. A bounded source splits its rows into contiguous ranges (stride 1), an unbounded one
/// interleaves them (split i of p owns i, i + p, ...). The seed and start time travel with the split, so a restored
/// reader continues the very same rows.
/// </summary>
/// <param name="Index">The split's number.</param>
/// <param name="Next">The next row number to generate.</param>
/// <param name="End">The first row number not generated (<see cref="long.MaxValue"/> when unbounded).</param>
/// <param name="Stride">The step between the split's row numbers.</param>
/// <param name="Seed">The seed of the random values.</param>
/// <param name="StartMicros">"Now" of the source in epoch microseconds, for random timestamps.</param>
public sealed record DatagenSplit(int Index, long Next, long End, int Stride, long Seed, long StartMicros) : ISourceSplit
{
    /// <inheritdoc />
    public string SplitId => Index.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when every row of the split was generated.</summary>
    public bool IsFinished => Next >= End;

    /// <summary>The serializer of splits (a version byte, then the fields).</summary>
    public static ITypeSerializer<DatagenSplit> Serializer { get; } = new SplitSerializer();

    private sealed class SplitSerializer : ITypeSerializer<DatagenSplit>
    {
        private const byte Version = 1;

        public void Serialize(DatagenSplit value, BinaryBufferWriter writer)
        {
            writer.WriteByte(Version);
            writer.WriteVarInt64(value.Index);
            writer.WriteVarInt64(value.Next);
            writer.WriteVarInt64(value.End);
            writer.WriteVarInt64(value.Stride);
            writer.WriteInt64(value.Seed);
            writer.WriteVarInt64(value.StartMicros);
        }

        public DatagenSplit Deserialize(BinaryBufferReader reader)
        {
            var version = reader.ReadByte();
            if (version != Version)
            {
                throw new StateException($"Unsupported datagen split version {version}.", ErrorDomain.User);
            }

            return new DatagenSplit(checked((int)reader.ReadVarInt64()), reader.ReadVarInt64(), reader.ReadVarInt64(),
                checked((int)reader.ReadVarInt64()), reader.ReadInt64(), reader.ReadVarInt64());
        }
    }
}
