using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Serialization;

namespace Sluice.Testing.Sources;

/// <summary>A split of the <see cref="SequenceSource"/>: its index and the next row to emit.</summary>
/// <param name="Index">The split index.</param>
/// <param name="Position">The next row number.</param>
public sealed record SequenceSplit(int Index, long Position) : ISourceSplit
{
    /// <inheritdoc />
    public string SplitId => Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The serializer of splits.</summary>
    public static ITypeSerializer<SequenceSplit> Serializer { get; } = new SplitSerializer();

    private sealed class SplitSerializer : ITypeSerializer<SequenceSplit>
    {
        public void Serialize(SequenceSplit value, BinaryBufferWriter writer)
        {
            writer.WriteVarInt64(value.Index);
            writer.WriteVarInt64(value.Position);
        }

        public SequenceSplit Deserialize(BinaryBufferReader reader) => new((int)reader.ReadVarInt64(), reader.ReadVarInt64());
    }
}
