using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Formats.Text;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// The stable text of result rows in golden files, in the style of Flink's print connector: <c>+I[1, abc, NULL]</c>
/// with the kind, <c>[1, abc, NULL]</c> without. Values: <c>NULL</c>; BOOLEAN <c>TRUE</c>/<c>FALSE</c>; numbers as Java
/// prints them (<c>1.5</c>, <c>2.0</c>); DECIMAL with its scale (<c>1.50</c>); strings as they are; TIMESTAMP with
/// exactly its precision's fraction digits (<c>2024-01-01 10:00:05.000</c>); other scalars as the text formats write
/// them; ARRAY <c>[a, b]</c>, MAP <c>{k=v}</c>, ROW <c>(a, b)</c>. Stateless.
/// </summary>
internal static class GoldenRowText
{
    /// <summary>Every row of <paramref name="batch"/> with its kind: <c>+I[1, a]</c>.</summary>
    public static IEnumerable<string> RowsWithKinds(RecordBatch batch)
    {
        for (var i = 0; i < batch.RowCount; i++)
        {
            var row = batch.PhysicalRow(i);
            yield return batch.GetRowKind(row).ToShortString() + Row(batch, row);
        }
    }

    /// <summary>Physical row <paramref name="physicalRow"/> without its kind: <c>[1, a]</c>.</summary>
    public static string Row(RecordBatch batch, int physicalRow)
    {
        var builder = new StringBuilder("[");
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            if (c > 0)
            {
                builder.Append(", ");
            }

            AppendValue(builder, batch.Column(c), physicalRow);
        }

        return builder.Append(']').ToString();
    }

    private static void AppendValue(StringBuilder builder, ColumnVector vector, int index)
    {
        if (vector.IsNull(index))
        {
            builder.Append("NULL");
            return;
        }

        var type = vector.DataType;
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                builder.Append(((BooleanVector)vector)[index] ? "TRUE" : "FALSE");
                break;
            case TypeId.Timestamp:
                ValueText.AppendTimestamp(builder, ((PrimitiveVector<long>)vector)[index], type, type.Precision);
                break;
            case TypeId.Array or TypeId.Multiset:
                var list = (ListVector)vector;
                var (start, count) = list.GetRange(index);
                builder.Append('[');
                for (var i = 0; i < count; i++)
                {
                    builder.Append(i > 0 ? ", " : "");
                    AppendValue(builder, list.Elements, start + i);
                }

                builder.Append(']');
                break;
            case TypeId.Map:
                var map = (MapVector)vector;
                var (from, entries) = map.GetRange(index);
                builder.Append('{');
                for (var i = 0; i < entries; i++)
                {
                    builder.Append(i > 0 ? ", " : "");
                    AppendValue(builder, map.Keys, from + i);
                    builder.Append('=');
                    AppendValue(builder, map.Values, from + i);
                }

                builder.Append('}');
                break;
            case TypeId.Row:
                var structure = (StructVector)vector;
                builder.Append('(');
                for (var i = 0; i < structure.ChildCount; i++)
                {
                    builder.Append(i > 0 ? ", " : "");
                    AppendValue(builder, structure.Child(i), index);
                }

                builder.Append(')');
                break;
            default:
                ValueText.AppendScalar(builder, vector, index);
                break;
        }
    }
}
