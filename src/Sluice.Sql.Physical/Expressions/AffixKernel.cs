using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>STARTSWITH(expr, prefix)</c> and <c>ENDSWITH(expr, suffix)</c> over character strings (compared as UTF-8, whose
/// byte prefixes are character prefixes) or binary strings; an empty affix is TRUE; NULL when either is NULL.
/// </summary>
internal sealed class AffixKernel(Kernel text, Kernel affix, bool suffix, DataType type) : NaryKernel([text, affix], type)
{
    private readonly bool _suffix = suffix;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var nulls = NullMasks.Union(rows, operands);
        var values = (BytesVector)operands[0];
        var affixes = (BytesVector)operands[1];
        var bits = new ulong[NullMasks.WordCount(rows)];
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                continue;
            }

            var value = values.GetBytes(i);
            var affix = affixes.GetBytes(i);
            if (_suffix ? value.EndsWith(affix) : value.StartsWith(affix))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }

        return NullMasks.NewBoolean(Type, rows, bits, nulls);
    }
}
