using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Sources;

/// <summary>One file of a text file source; the position is the byte offset of the next line.</summary>
internal sealed record TextFileSplit(string Path, long Offset) : ISourceSplit
{
    public static ITypeSerializer<TextFileSplit> Serializer { get; } = new TextFileSplitSerializer();

    public string SplitId => Path;

    private sealed class TextFileSplitSerializer : ITypeSerializer<TextFileSplit>
    {
        public void Serialize(TextFileSplit value, BinaryBufferWriter writer)
        {
            writer.WriteString(value.Path);
            writer.WriteVarInt64(value.Offset);
        }

        public TextFileSplit Deserialize(BinaryBufferReader reader)
        {
            var path = reader.ReadString()
                ?? throw new Core.Errors.StateException("Corrupt text file split in state: no path.", Core.Errors.ErrorDomain.External);
            var offset = reader.ReadVarInt64();
            if (offset < 0)
            {
                throw new Core.Errors.StateException($"Corrupt text file split in state: offset {offset} of {path}.", Core.Errors.ErrorDomain.External);
            }

            return new TextFileSplit(path, offset);
        }
    }
}
