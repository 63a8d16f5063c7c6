using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.Core.Vectors;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>JSON_OBJECTAGG([KEY] k VALUE v [NULL | ABSENT ON NULL])</c>, as Flink's <c>JsonObjectAggFunction</c>: the planner
/// passes the key and the value's JSON text (<c>JSON_STRING(v)</c>); the accumulator maps each key to its JSON value
/// (or NULL). A NULL key fails the job; so does a key that is already present ("Duplicate keys are not allowed", checked
/// before ABSENT ON NULL leaves a NULL value out, as in Flink). A retraction removes the key when its value is equal
/// (NULL equal to NULL); otherwise it does nothing. The result is the compact JSON object with the keys in ascending
/// order (by code point: deterministic whatever the arrival order, and the same after merges), <c>{}</c> when empty.
/// </summary>
/// <remarks>Reads its arguments from the row (<see cref="AggregateFunction.ReadsRows"/>): NULL values may be kept.</remarks>
internal sealed class JsonObjectAggFunction(AggregateCall call) : AggregateFunction(call)
{
    public override bool ReadsRows => true;

    public override object CreateAccumulator() => new SortedDictionary<byte[], byte[]?>(KeyComparer.Instance);

    public override void ApplyRow(object accumulator, RecordBatch batch, int physicalRow, bool retract, long order)
    {
        var keys = (BytesVector)batch.Column(Call.Arguments[0]);
        if (keys.IsNull(physicalRow))
        {
            throw new SluiceException($"JSON_OBJECTAGG ({Call.Name}): a key is NULL.", ErrorDomain.User);
        }

        var values = (BytesVector)batch.Column(Call.Arguments[1]);
        var key = keys.GetBytes(physicalRow).ToArray();
        var value = values.IsNull(physicalRow) ? null : values.GetBytes(physicalRow).ToArray();
        var map = Map(accumulator);
        if (retract)
        {
            if (map.TryGetValue(key, out var present) && (present is null ? value is null : value is not null && present.AsSpan().SequenceEqual(value)))
            {
                map.Remove(key);
            }

            return;
        }

        Put(map, key, value);
    }

    public override void Accumulate(object accumulator, in AggregateValue value, long order) =>
        throw new NotSupportedException("JSON_OBJECTAGG reads rows.");

    public override void Retract(object accumulator, in AggregateValue value) =>
        throw new NotSupportedException("JSON_OBJECTAGG reads rows.");

    public override void Merge(object target, object source)
    {
        var map = Map(target);
        foreach (var (key, value) in Map(source))
        {
            Put(map, key, value);
        }
    }

    public override AggregateValue? GetResult(object accumulator)
    {
        var buffer = new Utf8Buffer();
        buffer.Append((byte)'{');
        var first = true;
        foreach (var (key, value) in Map(accumulator))
        {
            if (!first)
            {
                buffer.Append((byte)',');
            }

            first = false;
            JsonText.WriteString(buffer, key);
            buffer.Append((byte)':');
            buffer.Append(value is null ? "null"u8 : value);
        }

        buffer.Append((byte)'}');
        return AggregateValue.FromBytes(buffer.Span.ToArray());
    }

    public override bool TryReset(object accumulator)
    {
        Map(accumulator).Clear();
        return true;
    }

    public override void Write(object accumulator, BinaryBufferWriter writer)
    {
        var map = Map(accumulator);
        writer.WriteVarInt64(map.Count);
        foreach (var (key, value) in map)
        {
            writer.WriteBytes(key);
            writer.WriteBoolean(value is not null);
            if (value is not null)
            {
                writer.WriteBytes(value);
            }
        }
    }

    public override object Read(BinaryBufferReader reader)
    {
        var map = new SortedDictionary<byte[], byte[]?>(KeyComparer.Instance);
        var count = reader.ReadVarInt64();
        for (var i = 0L; i < count; i++)
        {
            var key = reader.ReadBytes().ToArray();
            map[key] = reader.ReadBoolean() ? reader.ReadBytes().ToArray() : null;
        }

        return map;
    }

    private void Put(SortedDictionary<byte[], byte[]?> map, byte[] key, byte[]? value)
    {
        if (map.ContainsKey(key))
        {
            throw new SluiceException(
                $"JSON_OBJECTAGG ({Call.Name}): key '{System.Text.Encoding.UTF8.GetString(key)}' is already present. Duplicate keys are not allowed in JSON_OBJECTAGG; please ensure that keys are unique.",
                ErrorDomain.User);
        }

        if (value is null && Call.IgnoreNulls)
        {
            return;
        }

        map[key] = value;
    }

    private static SortedDictionary<byte[], byte[]?> Map(object accumulator) => (SortedDictionary<byte[], byte[]?>)accumulator;

    /// <summary>Orders keys by their UTF-8 bytes, which is code point order.</summary>
    private sealed class KeyComparer : IComparer<byte[]>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
