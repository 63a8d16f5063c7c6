using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>FIRST_VALUE</c>, <c>LAST_VALUE</c> and <c>LISTAGG</c>, retractable as Flink's <c>FirstValueWithRetractAggFunction</c>
/// and <c>ListAggWithRetractAggFunction</c>: the accumulated values in arrival order (sorted by their order number). A
/// retraction removes the earliest occurrence of the value (nothing when it is absent). FIRST_VALUE is the first value,
/// LAST_VALUE the last, LISTAGG all of them joined by the separator; null when there is none.
/// </summary>
/// <remarks>LISTAGG's separator is the second argument column's value on the latest accumulated row (Flink keeps the
/// latest delimiter too), ',' when there is no such column or it was null.</remarks>
internal sealed class OrderedValuesFunction(AggregateCall call) : AggregateFunction(call)
{
    private static readonly byte[] DefaultSeparator = ","u8.ToArray();

    public override object CreateAccumulator() => new OrderedValues();

    public override void Accumulate(object accumulator, in AggregateValue value, long order) =>
        OrderedEntries.Insert(((OrderedValues)accumulator).Entries, value, order);

    public override void Retract(object accumulator, in AggregateValue value)
    {
        var entries = ((OrderedValues)accumulator).Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Value.Equals(value))
            {
                entries.RemoveAt(i);
                return;
            }
        }
    }

    public override void Merge(object target, object source)
    {
        var t = (OrderedValues)target;
        var s = (OrderedValues)source;
        foreach (var (value, order) in s.Entries)
        {
            Accumulate(t, value, order);
        }

        if (s.Separator is not null && (t.Separator is null || s.SeparatorOrder > t.SeparatorOrder))
        {
            t.Separator = s.Separator;
            t.SeparatorOrder = s.SeparatorOrder;
        }
    }

    public override void ObserveRow(object accumulator, RecordBatch batch, int physicalRow, long order)
    {
        if (Call.Kind != AggregateKind.ListAgg || Call.Arguments.Count < 2)
        {
            return;
        }

        var column = (BytesVector)batch.Column(Call.Arguments[1]);
        var acc = (OrderedValues)accumulator;
        if (!column.IsNull(physicalRow))
        {
            var separator = column.GetBytes(physicalRow);
            if (acc.Separator is null || !separator.SequenceEqual(acc.Separator))
            {
                acc.Separator = separator.ToArray();
            }

            acc.SeparatorOrder = order;
        }
    }

    public override AggregateValue? GetResult(object accumulator)
    {
        var acc = (OrderedValues)accumulator;
        var entries = acc.Entries;
        if (entries.Count == 0)
        {
            return null;
        }

        switch (Call.Kind)
        {
            case AggregateKind.FirstValue:
                return entries[0].Value;
            case AggregateKind.LastValue:
                return entries[^1].Value;
            default:
                var separator = acc.Separator ?? DefaultSeparator;
                var length = separator.Length * (entries.Count - 1);
                foreach (var (value, _) in entries)
                {
                    length += value.Bytes!.Length;
                }

                var joined = new byte[length];
                var position = 0;
                for (var i = 0; i < entries.Count; i++)
                {
                    if (i > 0)
                    {
                        separator.CopyTo(joined, position);
                        position += separator.Length;
                    }

                    var bytes = entries[i].Value.Bytes!;
                    bytes.CopyTo(joined, position);
                    position += bytes.Length;
                }

                return AggregateValue.FromBytes(joined);
        }
    }

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var acc = (OrderedValues)accumulator;
        writer.WriteVarInt64(acc.Entries.Count);
        foreach (var (value, order) in acc.Entries)
        {
            value.Write(writer);
            writer.WriteVarInt64(order);
        }

        writer.WriteBoolean(acc.Separator is not null);
        if (acc.Separator is not null)
        {
            writer.WriteBytes(acc.Separator);
            writer.WriteVarInt64(acc.SeparatorOrder);
        }
    }

    public override object Read(BinaryBufferReader reader)
    {
        var acc = new OrderedValues();
        var count = reader.ReadVarInt64();
        for (var i = 0L; i < count; i++)
        {
            var value = AggregateValue.ReadFrom(reader);
            acc.Entries.Add((value, reader.ReadVarInt64()));
        }

        if (reader.ReadBoolean())
        {
            acc.Separator = reader.ReadBytes().ToArray();
            acc.SeparatorOrder = reader.ReadVarInt64();
        }

        return acc;
    }

    private sealed class OrderedValues
    {
        public List<(AggregateValue Value, long Order)> Entries { get; } = [];

        public byte[]? Separator { get; set; }

        public long SeparatorOrder { get; set; }
    }
}
