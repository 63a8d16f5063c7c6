using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>s IN ('a', 'b', ...)</c> for a list of string or binary constants: the constants are bucketed by a hash of their
/// bytes, so a row costs one hash and a few byte comparisons, without decoding (and a row whose length no constant has
/// costs neither). Three-valued as <see cref="InSetKernel{T}"/>.
/// </summary>
internal sealed class InBytesSetKernel : UnaryKernel
{
    private readonly Dictionary<ulong, byte[][]> _buckets;
    private readonly bool _listHasNull;

    // Bit n set when some constant is n bytes long (n < 64), bit 63 also for every longer one: most rows of a short
    // list are ruled out by their length before hashing.
    private readonly ulong _lengths;

    public InBytesSetKernel(Kernel operand, IEnumerable<byte[]> values, bool listHasNull, DataType type)
        : base(operand, type)
    {
        _buckets = values.GroupBy(v => Hash(v)).ToDictionary(g => g.Key, g => g.ToArray());
        _listHasNull = listHasNull;
        foreach (var bucket in _buckets.Values)
        {
            foreach (var value in bucket)
            {
                _lengths |= 1UL << Math.Min(value.Length, 63);
            }
        }
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
            if ((_lengths & (1UL << Math.Min(value.Length, 63))) != 0 && _buckets.TryGetValue(Hash(value), out var candidates))
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
