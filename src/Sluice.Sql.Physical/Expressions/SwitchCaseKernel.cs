using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CASE WHEN x = 'a' THEN r1 WHEN x = 'b' THEN r2 ... ELSE e END</c> where every condition compares the same
/// deterministic string (or binary) expression <c>x</c> with a constant: <c>x</c> is computed once per frame instead of
/// once per condition on the rows still open, and each row finds its branch by comparing its bytes with the
/// constants (the first equal one wins; NULL takes the else branch, as a NULL comparison is not TRUE). The results are
/// then evaluated as in <see cref="CaseKernel"/>: each on the rows that take it. Equivalent to the
/// <see cref="CaseKernel"/> of the same conditions, since <c>x</c>'s first evaluation already covered every row.
/// </summary>
internal sealed class SwitchCaseKernel(Kernel operand, byte[][] constants, Kernel[] results, Kernel otherwise, DataType type)
    : Kernel(type, [operand, .. results, otherwise])
{
    private readonly Kernel _operand = operand;
    private readonly byte[][] _constants = constants;
    private readonly Kernel[] _results = results;
    private readonly Kernel _else = otherwise;

    public override ColumnVector Evaluate(in Frame frame)
    {
        var rows = frame.Count;
        var size = Math.Max(1, rows);
        var branches = _results.Length + 1;
        var branch = BufferPool.Rent<int>(size);
        var positions = BufferPool.Rent<int>(size);
        var choice = BufferPool.Rent<int>(size);
        var index = BufferPool.Rent<int>(size);
        var sources = new ColumnVector?[branches];
        try
        {
            var counts = new int[branches + 1];
            using (var values = _operand.Evaluate(frame))
            {
                var strings = (BytesVector)values;
                for (var i = 0; i < rows; i++)
                {
                    var k = strings.IsNull(i) ? _results.Length : Branch(strings.GetBytes(i));
                    branch[i] = k;
                    counts[k + 1]++;
                }
            }

            // Rows grouped by branch, ascending within each: branch k's rows are positions[counts[k] .. counts[k + 1]).
            for (var k = 1; k <= branches; k++)
            {
                counts[k] += counts[k - 1];
            }

            var next = counts[..branches];
            for (var i = 0; i < rows; i++)
            {
                positions[next[branch[i]]++] = i;
            }

            choice.AsSpan(0, rows).Fill(-1);
            for (var k = 0; k < branches; k++)
            {
                var kernel = k < _results.Length ? _results[k] : _else;
                CaseKernel.Take(k, kernel, frame, positions.AsSpan(counts[k], counts[k + 1] - counts[k]), sources, choice, index);
            }

            return VectorAssembly.Assemble(Type, sources, choice.AsSpan(0, rows), index.AsSpan(0, rows));
        }
        finally
        {
            foreach (var source in sources)
            {
                source?.Dispose();
            }

            BufferPool.Return(branch);
            BufferPool.Return(positions);
            BufferPool.Return(choice);
            BufferPool.Return(index);
        }
    }

    /// <summary>The first branch whose constant equals <paramref name="value"/>, else the else branch.</summary>
    private int Branch(ReadOnlySpan<byte> value)
    {
        var constants = _constants;
        for (var k = 0; k < constants.Length; k++)
        {
            if (value.SequenceEqual(constants[k]))
            {
                return k;
            }
        }

        return constants.Length;
    }
}
