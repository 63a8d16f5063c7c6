using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>s IN ('a', 'b', ...)</c> for a list of string or binary constants: the constants are bucketed by a hash of their
/// bytes, so a row costs one hash and a few byte comparisons, without decoding. Three-valued as <see cref="InSetKernel{T}"/>.
/// </summary>
internal sealed class InBytesSetKernel : UnaryKernel
{
    private readonly Dictionary<ulong, byte[][]> _buckets;
    private readonly bool _listHasNull;

    public InBytesSetKernel(Kernel operand, IEnumerable<byte[]> values, bool listHasNull, DataType type)
        : base(operand, type)
    {
        _buckets = values.GroupBy(v => Hash(v)).ToDictionary(g => g.Key, g => g.ToArray());
        _listHasNull = listHasNull;
    }

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        var strings = (BytesVector)operand;
        var bits = new ulong[NullMasks.WordCount(rows)];
        var nulls = NullMasks.NullsOf(operand, rows);
        for (var i = 0; i < rows; i++)
        {
            var value = strings.GetBytes(i);
            var found = false;
            if (_buckets.TryGetValue(Hash(value), out var candidates))
            {
                foreach (var candidate in candidates)
                {
                    if (value.SequenceEqual(candidate))
                    {
                        found = true;
                        break;
                    }
                }
            }

            if (found)
            {
                bits[i >> 6] |= 1UL << i;
            }
            else if (_listHasNull)
            {
                nulls[i >> 6] |= 1UL << i;
            }
        }

        return NullMasks.NewBoolean(Type, rows, bits, nulls);
    }

    /// <summary>FNV-1a over the bytes.</summary>
    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
