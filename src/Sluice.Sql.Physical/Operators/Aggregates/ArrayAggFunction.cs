using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>ARRAY_AGG([DISTINCT] x [RESPECT NULLS | IGNORE NULLS])</c>, retractable as Flink's <c>ArrayAggFunction</c>: the
/// values in arrival order (sorted by their order number, so merged accumulators keep arrival order), NULLs included
/// unless <see cref="AggregateCall.IgnoreNulls"/>. A retraction removes the earliest equal value (NULL equals NULL);
/// retracting an absent value does nothing. The result is an <c>ARRAY</c> encoded by <see cref="EncodeArray"/>, NULL when
/// there is no value (Flink returns NULL rather than an empty array).
/// </summary>
/// <remarks>
/// <para><b>Rows.</b> The function reads its argument itself (<see cref="AggregateFunction.ReadsRows"/>), because it may
/// keep NULLs. <b>DISTINCT</b> is handled here too: a count per value (NULL being one value) next to the list; a value
/// enters the list when its count goes from 0 to 1 and leaves it when the count returns to 0.</para>
/// <para><b>Nested values</b> (ARRAY, MAP, MULTISET, ROW) are kept as the canonical bytes of
/// <see cref="CollectFunction.EncodeNested"/> and decoded again when the result is written.</para>
/// </remarks>
internal class ArrayAggFunction(AggregateCall call) : AggregateFunction(call)
{
    public override bool ReadsRows => true;

    public override object CreateAccumulator() => new Values(Call.IsDistinct);

    public override void ApplyRow(object accumulator, RecordBatch batch, int physicalRow, bool retract, long order)
    {
        var column = batch.Column(Call.Arguments[0]);
        AggregateValue? value = null;
        if (column.IsNull(physicalRow))
        {
            if (Call.IgnoreNulls)
            {
                return;
            }
        }
        else
        {
            value = AggregateValue.Read(column, physicalRow);
        }

        if (retract)
        {
            Remove((Values)accumulator, value);
        }
        else
        {
            Add((Values)accumulator, value, order);
        }
    }

    public override void Accumulate(object accumulator, in AggregateValue value, long order) => Add((Values)accumulator, value, order);

    public override void Retract(object accumulator, in AggregateValue value) => Remove((Values)accumulator, value);

    public override void Merge(object target, object source)
    {
        var t = (Values)target;
        var s = (Values)source;
        if (t.Counts is null || s.Counts is null)
        {
            foreach (var (value, order) in s.Entries)
            {
                Insert(t, value, order);
            }

            return;
        }

        // DISTINCT: add the counts; a value new to the target enters its list with the order it had in the source.
        foreach (var (value, order) in s.Entries)
        {
            if (CountOf(t, value) == 0)
            {
                Insert(t, value, order);
            }
        }

        foreach (var (value, count) in s.Counts)
        {
            t.Counts[value] = t.Counts.GetValueOrDefault(value) + count;
        }

        t.NullCount += s.NullCount;
    }

    public override AggregateValue? GetResult(object accumulator)
    {
        var entries = ((Values)accumulator).Entries;
        return entries.Count == 0 ? null : AggregateValue.FromArray(EncodeArray(entries.Select(e => e.Value)));
    }

    public override bool TryReset(object accumulator)
    {
        var values = (Values)accumulator;
        values.Entries.Clear();
        values.Counts?.Clear();
        values.NullCount = 0;
        return true;
    }

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var values = (Values)accumulator;
        writer.WriteVarInt64(values.Entries.Count);
        foreach (var (value, order) in values.Entries)
        {
            WriteNullable(value, writer);
            writer.WriteVarInt64(order);
        }

        writer.WriteBoolean(values.Counts is not null);
        if (values.Counts is not null)
        {
            writer.WriteVarInt64(values.NullCount);
            writer.WriteVarInt64(values.Counts.Count);
            foreach (var (value, count) in values.Counts)
            {
                value.Write(writer);
                writer.WriteVarInt64(count);
            }
        }
    }

    public override object Read(BinaryBufferReader reader)
    {
        var entries = reader.ReadVarInt64();
        var list = new List<(AggregateValue? Value, long Order)>();
        for (var i = 0L; i < entries; i++)
        {
            var value = ReadNullable(reader);
            list.Add((value, reader.ReadVarInt64()));
        }

        var distinct = reader.ReadBoolean();
        if (distinct != Call.IsDistinct)
        {
            throw new StateException($"The ARRAY_AGG state of {Call.Name} was written {(distinct ? "with" : "without")} DISTINCT; the query changed in a way its state cannot follow.", ErrorDomain.User);
        }

        var values = new Values(distinct);
        values.Entries.AddRange(list);
        if (distinct)
        {
            values.NullCount = reader.ReadVarInt64();
            var counts = reader.ReadVarInt64();
            for (var i = 0L; i < counts; i++)
            {
                var value = AggregateValue.ReadFrom(reader);
                values.Counts![value] = reader.ReadVarInt64();
            }
        }

        return values;
    }

    /// <summary>
    /// An ARRAY of <paramref name="elements"/> (NULL elements included) as the bytes of <see cref="AggregateValue.FromArray"/>:
    /// the count, then per element a presence flag and the value.
    /// </summary>
    public static byte[] EncodeArray(IEnumerable<AggregateValue?> elements)
    {
        var list = elements as IReadOnlyCollection<AggregateValue?> ?? elements.ToList();
        var writer = new BinaryBufferWriter();
        writer.WriteVarInt64(list.Count);
        foreach (var element in list)
        {
            WriteNullable(element, writer);
        }

        return writer.ToArray();
    }

    /// <summary>Appends the ARRAY <paramref name="encoded"/> (by <see cref="EncodeArray"/>) as one entry of <paramref name="builder"/>.</summary>
    public static void AppendArray(byte[] encoded, ListVectorBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(builder);
        var elements = builder.Elements;
        var nested = elements.DataType.IsNested;
        var reader = new BinaryBufferReader(encoded);
        var count = reader.ReadVarInt64();
        builder.StartEntry();
        for (var i = 0L; i < count; i++)
        {
            if (ReadNullable(reader) is not { } value)
            {
                elements.AppendNull();
            }
            else if (nested)
            {
                elements.Append(CollectFunction.DecodeNested(value.Bytes!, elements.DataType));
            }
            else
            {
                value.AppendTo(elements);
            }
        }
    }

    /// <summary>The entries of an accumulator, in arrival order (for subclasses that render them differently).</summary>
    protected static IReadOnlyList<(AggregateValue? Value, long Order)> EntriesOf(object accumulator) => ((Values)accumulator).Entries;

    private static void WriteNullable(AggregateValue? value, BinaryBufferWriter writer)
    {
        writer.WriteBoolean(value.HasValue);
        value?.Write(writer);
    }

    private static AggregateValue? ReadNullable(BinaryBufferReader reader) => reader.ReadBoolean() ? AggregateValue.ReadFrom(reader) : null;

    private static long CountOf(Values values, AggregateValue? value) =>
        value is { } v ? values.Counts!.GetValueOrDefault(v) : values.NullCount;

    private static void Add(Values values, AggregateValue? value, long order)
    {
        if (values.Counts is not null)
        {
            var before = CountOf(values, value);
            SetCount(values, value, before + 1);
            if (before != 0)
            {
                return;
            }
        }

        Insert(values, value, order);
    }

    private static void Remove(Values values, AggregateValue? value)
    {
        if (values.Counts is not null)
        {
            var before = CountOf(values, value);
            if (before <= 0)
            {
                return;
            }

            SetCount(values, value, before - 1);
            if (before > 1)
            {
                return;
            }
        }

        var entries = values.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Value is { } present ? value is { } v && present.Equals(v) : value is null)
            {
                entries.RemoveAt(i);
                return;
            }
        }
    }

    private static void SetCount(Values values, AggregateValue? value, long count)
    {
        if (value is not { } v)
        {
            values.NullCount = count;
        }
        else if (count == 0)
        {
            values.Counts!.Remove(v);
        }
        else
        {
            values.Counts![v] = count;
        }
    }

    /// <summary>Inserts after every entry with a smaller or equal order number (appends in the usual, in-order case).</summary>
    private static void Insert(Values values, AggregateValue? value, long order) => OrderedEntries.Insert(values.Entries, value, order);

    private sealed class Values(bool distinct)
    {
        public List<(AggregateValue? Value, long Order)> Entries { get; } = [];

        /// <summary>For DISTINCT: the count of each non-null value.</summary>
        public Dictionary<AggregateValue, long>? Counts { get; } = distinct ? [] : null;

        /// <summary>For DISTINCT: the count of NULLs.</summary>
        public long NullCount { get; set; }
    }
}
