using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Sources;

/// <summary>
/// The indices one part of a generator source produces: <c>Next</c>, <c>Next + Stride</c>, ... while below
/// <c>End</c> (<see cref="long.MaxValue"/> for an unbounded source). <c>Next</c> is the position: the index of the
/// next element to emit.
/// </summary>
internal sealed record GeneratorSplit(int Index, long Next, long End, long Stride) : ISourceSplit
{
    public static ITypeSerializer<GeneratorSplit> Serializer { get; } = new GeneratorSplitSerializer();

    public string SplitId => Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when every index of the split was emitted.</summary>
    public bool IsFinished => Next >= End;

    /// <summary>The number of indices left, capped at <paramref name="max"/>.</summary>
    public long Remaining(long max) => End == long.MaxValue ? max : Math.Min(max, Math.Max(0, ((End - Next - 1) / Stride) + 1));

    private sealed class GeneratorSplitSerializer : ITypeSerializer<GeneratorSplit>
    {
        public void Serialize(GeneratorSplit value, BinaryBufferWriter writer)
        {
            writer.WriteVarInt64(value.Index);
            writer.WriteVarInt64(value.Next);
            writer.WriteVarInt64(value.End);
            writer.WriteVarInt64(value.Stride);
        }

        public GeneratorSplit Deserialize(BinaryBufferReader reader)
        {
            var split = new GeneratorSplit(checked((int)reader.ReadVarInt64()), reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarInt64());
            if (split.Stride <= 0 || split.Next < 0)
            {
                throw new Core.Errors.StateException($"Corrupt generator split in state: {split}.", Core.Errors.ErrorDomain.External);
            }

            return split;
        }
    }
}
