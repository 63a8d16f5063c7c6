using System.Buffers;
using Sluice.Core.Types;
using Sluice.Core.Variants;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>variant['field']</c> and <c>variant[index]</c> (Flink's <c>ITEM</c> on a <c>VARIANT</c>): the field of an object
/// or the element (1-based, as SQL arrays) of an array, as a <c>VARIANT</c> of its own (the metadata followed by the
/// sub-value). NULL when the variant is NULL, is not an object (for a name) or an array (for an index), or has no such
/// field or element; a JSON <c>null</c> stays a JSON <c>null</c> (a non-NULL variant).
/// </summary>
internal sealed class VariantItemKernel(Kernel variant, Kernel key, DataType type) : BinaryKernel(variant, key, type)
{
    private readonly bool _byName = key.Type.PhysicalType == PhysicalType.Utf8;
    private byte[] _scratch = new byte[256];

    /// <inheritdoc />
    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        var variants = (BytesVector)leftVector;
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (variants.IsNull(i) || rightVector.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            var value = new VariantValue(variants.GetBytes(i));
            VariantValue item;
            var found = _byName
                ? value.TryGetField(((BytesVector)rightVector).GetBytes(i), out item)
                : value.TryGetElement(Index(rightVector, i) - 1, out item);
            if (!found)
            {
                builder.AppendNull();
                continue;
            }

            var length = item.EncodedLength;
            if (_scratch.Length < length)
            {
                _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
            }

            item.CopyTo(_scratch);
            builder.Append(_scratch.AsSpan(0, length));
        }

        return builder.Build();
    }

    private static long Index(ColumnVector indexes, int row) => indexes switch
    {
        PrimitiveVector<int> ints => ints.Values[row],
        PrimitiveVector<long> longs => longs.Values[row],
        PrimitiveVector<short> shorts => shorts.Values[row],
        PrimitiveVector<sbyte> bytes => bytes.Values[row],
        _ => Convert.ToInt64(indexes.GetValue(row), System.Globalization.CultureInfo.InvariantCulture),
    };
}
