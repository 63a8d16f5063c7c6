using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Sources;

/// <summary>A range of an in-memory collection, <c>[Position, End)</c>; the position is the next element's index.</summary>
internal sealed record CollectionSplit(int Index, long Position, long End) : ISourceSplit
{
    public static ITypeSerializer<CollectionSplit> Serializer { get; } = new CollectionSplitSerializer();

    public string SplitId => Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class CollectionSplitSerializer : ITypeSerializer<CollectionSplit>
    {
        public void Serialize(CollectionSplit value, BinaryBufferWriter writer)
        {
            writer.WriteVarInt64(value.Index);
            writer.WriteVarInt64(value.Position);
            writer.WriteVarInt64(value.End);
        }

        public CollectionSplit Deserialize(BinaryBufferReader reader) =>
            new(checked((int)reader.ReadVarInt64()), reader.ReadVarInt64(), reader.ReadVarInt64());
    }
}
