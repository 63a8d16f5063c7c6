using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>POSITION(needle IN haystack [FROM start])</c>, <c>LOCATE(needle, haystack [, start])</c> and
/// <c>INSTR(haystack, needle)</c> (operands reordered by the builder): the 1-based character position of the first
/// occurrence at or after <c>start</c> (default 1), 0 when there is none; an empty needle is found at <c>start</c>.
/// Also <c>ASCII(s)</c> (one operand): the code of the first character, 0 for an empty string.
/// </summary>
internal sealed class PositionKernel(Kernel[] operands, DataType type) : NaryKernel(operands, type)
{
    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var nulls = NullMasks.Union(rows, operands);
        var result = PrimitiveVector<int>.Allocate(Type, rows);
        var target = result.Values;
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                continue;
            }

            if (operands.Length == 1)
            {
                target[i] = Utf8Text.FirstCodePoint(((BytesVector)operands[0]).GetBytes(i));
                continue;
            }

            var needle = ((BytesVector)operands[0]).GetBytes(i);
            var haystack = ((BytesVector)operands[1]).GetBytes(i);
            var start = operands.Length > 2 ? Math.Max(1, ((PrimitiveVector<int>)operands[2]).Values[i]) : 1;
            var found = Utf8Text.IndexOf(haystack, needle, start - 1);
            target[i] = found < 0 ? 0 : found + 1;
        }

        if (nulls is not null)
        {
            NullMasks.Apply(result, nulls);
        }

        return result;
    }
}
