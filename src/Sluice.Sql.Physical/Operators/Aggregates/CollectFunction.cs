using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>COLLECT(x)</c>, retractable as Flink's <c>CollectAggFunction</c>: a count per distinct non-null value. A
/// retraction decrements the value's count (a value retracted before it was accumulated gets a negative count, which a
/// later accumulation cancels); only positive counts are in the result. The result is a <c>MULTISET</c> (never null;
/// empty when nothing is accumulated), its values in ascending order (so equal multisets are equal results), encoded
/// for <see cref="AggregateValue.AppendTo"/> by <see cref="Encode"/>.
/// </summary>
/// <remarks>
/// <para><b>Nested values</b> (<c>ARRAY</c>, <c>MAP</c>, <c>MULTISET</c> and <c>ROW</c> arguments, as Flink collects
/// them): a value is counted as the canonical bytes of <see cref="EncodeNested"/> (a one-value vector rebuilt from the
/// value and serialized, so equal values, nulls inside included, are equal bytes wherever they were read, and a
/// retraction finds the accumulated value), ordered by those bytes in the result; <see cref="AppendNested"/> writes such
/// a multiset back into the result column, decoding each value.</para>
/// </remarks>
internal sealed class CollectFunction(AggregateCall call) : CountedValuesFunction(call)
{
    public override AggregateValue? GetResult(object accumulator)
    {
        var entries = Counts(accumulator).Where(e => e.Value > 0).OrderBy(e => e.Key).ToList();
        return AggregateValue.FromMultiset(Encode(entries));
    }

    /// <summary>The multiset of <paramref name="entries"/> (value and positive count) as bytes: a count, then each value and its count.</summary>
    public static byte[] Encode(IReadOnlyList<KeyValuePair<AggregateValue, long>> entries)
    {
        var writer = new BinaryBufferWriter();
        WriteCounts(entries, writer);
        return writer.ToArray();
    }

    /// <summary>
    /// The value of a nested type (<see cref="DataType.IsNested"/>) at physical row <paramref name="row"/> of
    /// <paramref name="column"/> (not null) as the bytes COLLECT counts: the value appended to a fresh one-value builder
    /// and the built vector serialized (<see cref="ColumnVectorSerializer"/>), so that its bytes depend on the value only.
    /// </summary>
    public static AggregateValue EncodeNested(ColumnVector column, int row)
    {
        ArgumentNullException.ThrowIfNull(column);
        using var builder = ColumnVectorBuilder.Create(column.DataType, 1);
        builder.Append(column.GetValue(row));
        using var vector = builder.Build();
        var writer = new BinaryBufferWriter();
        ColumnVectorSerializer.Write(vector, writer);
        return AggregateValue.FromBytes(writer.ToArray());
    }

    /// <summary>The value of <paramref name="type"/> that <see cref="EncodeNested"/> encoded into <paramref name="bytes"/>.</summary>
    public static object? DecodeNested(byte[] bytes, DataType type)
    {
        using var vector = ColumnVectorSerializer.Read(new BinaryBufferReader(bytes), type.Nullable(), 1);
        return vector.GetValue(0);
    }

    /// <summary>
    /// Appends the multiset <paramref name="encoded"/> (by <see cref="Encode"/>) of nested values (by
    /// <see cref="EncodeNested"/>) as one entry of <paramref name="builder"/>, each value as often as it is counted.
    /// </summary>
    public static void AppendNested(byte[] encoded, ListVectorBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(builder);
        var elementType = builder.Elements.DataType;
        var reader = new BinaryBufferReader(encoded);
        var entries = reader.ReadVarInt64();
        builder.StartEntry();
        for (var i = 0L; i < entries; i++)
        {
            var bytes = AggregateValue.ReadFrom(reader).Bytes
                ?? throw new Core.Errors.StateException("Corrupt COLLECT value in state: a nested value without bytes.", Core.Errors.ErrorDomain.Internal);
            var count = reader.ReadVarInt64();
            var value = DecodeNested(bytes, elementType);
            for (var k = 0L; k < count; k++)
            {
                builder.Elements.Append(value);
            }
        }
    }
}
