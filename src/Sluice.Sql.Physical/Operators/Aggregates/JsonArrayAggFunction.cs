namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// <c>JSON_ARRAYAGG(v [NULL | ABSENT ON NULL])</c>, as Flink's <c>JsonArrayAggFunction</c>: the planner passes the value's
/// JSON text (<c>JSON_STRING(v)</c>, so nested <c>JSON_OBJECT</c> / <c>JSON_ARRAY</c> values stay JSON), and the items
/// are kept in arrival order as <see cref="ArrayAggFunction"/> keeps them: NULLs left out with ABSENT ON NULL (the
/// default, <see cref="AggregateCall.IgnoreNulls"/>), kept and written as <c>null</c> with NULL ON NULL. A retraction
/// removes the earliest equal item. The result is the compact JSON array, <c>[]</c> when there is no item.
/// </summary>
internal sealed class JsonArrayAggFunction(AggregateCall call) : ArrayAggFunction(call)
{
    public override AggregateValue? GetResult(object accumulator)
    {
        var entries = EntriesOf(accumulator);
        var length = 2 + Math.Max(0, entries.Count - 1);
        foreach (var (value, _) in entries)
        {
            length += value is { } v ? v.Bytes!.Length : 4;
        }

        var json = new byte[length];
        json[0] = (byte)'[';
        var position = 1;
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                json[position++] = (byte)',';
            }

            var item = entries[i].Value is { } v ? v.Bytes! : "null"u8.ToArray();
            item.CopyTo(json, position);
            position += item.Length;
        }

        json[position] = (byte)']';
        return AggregateValue.FromBytes(json);
    }
}
