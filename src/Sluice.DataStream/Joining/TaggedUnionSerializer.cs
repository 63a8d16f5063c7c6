using Sluice.Core.Serialization;

namespace Sluice.DataStream.Joining;

/// <summary>Writes a <see cref="TaggedUnion{T1, T2}"/> as its side (one byte) and that side's value.</summary>
internal sealed class TaggedUnionSerializer<T1, T2>(ITypeSerializer<T1> first, ITypeSerializer<T2> second) : ITypeSerializer<TaggedUnion<T1, T2>>
{
    public void Serialize(TaggedUnion<T1, T2> value, BinaryBufferWriter writer)
    {
        writer.WriteBoolean(value.IsFirst);
        if (value.IsFirst)
        {
            first.Serialize(value.First, writer);
        }
        else
        {
            second.Serialize(value.Second, writer);
        }
    }

    public TaggedUnion<T1, T2> Deserialize(BinaryBufferReader reader) =>
        reader.ReadBoolean() ? TaggedUnion<T1, T2>.OfFirst(first.Deserialize(reader)) : TaggedUnion<T1, T2>.OfSecond(second.Deserialize(reader));
}
