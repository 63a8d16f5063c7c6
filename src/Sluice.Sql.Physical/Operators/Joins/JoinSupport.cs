using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>Argument checks, output naming and row-time reads shared by the join operators and the sort operators.</summary>
internal static class JoinSupport
{
    /// <summary>Checks that the key lists pair up columns of the same physical type (so equal values encode equally).</summary>
    public static void ValidateKeys(Schema leftSchema, Schema rightSchema, int[] leftKeys, int[] rightKeys, bool allowEmpty)
    {
        if (leftKeys.Length != rightKeys.Length || (!allowEmpty && leftKeys.Length == 0))
        {
            throw new ArgumentException(
                $"An equi-join needs the same number {(allowEmpty ? string.Empty : "(at least one) ")}of key columns on both sides; " +
                $"got {leftKeys.Length} and {rightKeys.Length}.", nameof(rightKeys));
        }

        for (var i = 0; i < leftKeys.Length; i++)
        {
            CheckColumn(leftSchema, leftKeys[i], nameof(leftKeys));
            CheckColumn(rightSchema, rightKeys[i], nameof(rightKeys));
            var l = leftSchema[leftKeys[i]].DataType;
            var r = rightSchema[rightKeys[i]].DataType;
            if (l.PhysicalType != r.PhysicalType || l.Scale != r.Scale)
            {
                throw new ArgumentException($"Join key {i} is {l} on the left and {r} on the right; cast both to one type first.", nameof(rightKeys));
            }
        }
    }

    /// <summary>Checks that <paramref name="column"/> is a TIMESTAMP or TIMESTAMP_LTZ column of <paramref name="schema"/>.</summary>
    public static void ValidateTimeColumn(Schema schema, int column, string parameter)
    {
        CheckColumn(schema, column, parameter);
        var type = schema[column].DataType;
        if (type.TypeId is not (TypeId.Timestamp or TypeId.TimestampLtz))
        {
            throw new ArgumentException($"The time attribute {schema[column]} must be a TIMESTAMP or TIMESTAMP_LTZ column.", parameter);
        }
    }

    /// <summary>Checks that <paramref name="column"/> is a column of <paramref name="schema"/>.</summary>
    public static void CheckColumn(Schema schema, int column, string parameter)
    {
        if ((uint)column >= (uint)schema.Count)
        {
            throw new ArgumentException($"Column {column} is outside the schema {schema}.", parameter);
        }
    }

    /// <summary>The fields of <paramref name="schema"/>, made nullable when <paramref name="nullable"/>.</summary>
    public static IEnumerable<Field> Fields(Schema schema, bool nullable) =>
        schema.Fields.Select(f => nullable ? f.WithDataType(f.DataType.Nullable()) : f);

    /// <summary>
    /// The fields with repeated names made unique as SQL does for a join's row: a name already used gets the first free suffix 0, 1, ..., so the second <c>id</c>
    /// becomes <c>id0</c>.
    /// </summary>
    public static List<Field> UniqueNames(IEnumerable<Field> fields)
    {
        var result = new List<Field>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var name = field.Name;
            for (var n = 0; !used.Add(name); n++)
            {
                name = field.Name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            result.Add(name == field.Name ? field : new Field(name, field.DataType));
        }

        return result;
    }

    /// <summary>Epoch milliseconds (microseconds rounded down) of a timestamp column's physical row; false for a null.</summary>
    public static bool TryReadMillis(RecordBatch batch, int column, int physicalRow, out long millis)
    {
        var vector = (PrimitiveVector<long>)batch.Column(column);
        if (vector.IsNull(physicalRow))
        {
            millis = 0;
            return false;
        }

        millis = TemporalConversions.MicrosToMillis(vector.Values[physicalRow]);
        return true;
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/>, saturating at the limits of <see cref="long"/>.</summary>
    public static long SaturatingAdd(long a, long b)
    {
        var sum = unchecked(a + b);
        if (((a ^ sum) & (b ^ sum)) < 0)
        {
            return a < 0 ? long.MinValue : long.MaxValue;
        }

        return sum;
    }
}
