using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>s LIKE pattern [ESCAPE e]</c> (see <see cref="LikePattern"/>). A constant pattern is compiled once; a pattern
/// from the data is compiled when it changes from the previous row. NULL when any operand is NULL; an invalid escape is
/// an error.
/// </summary>
internal sealed class LikeKernel : NaryKernel
{
    private readonly LikePattern? _constant;
    private readonly bool _hasEscape;
    private byte[] _lastPattern = [];
    private byte[] _lastEscape = [];
    private LikePattern? _last;

    public LikeKernel(Kernel[] operands, LikePattern? constant, DataType type)
        : base(operands, type)
    {
        _constant = constant;
        _hasEscape = operands.Length > 2;
    }

    protected override bool SelfMayFail => _constant is null;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var text = (BytesVector)operands[0];
        var patterns = (BytesVector)operands[1];
        var escapes = _hasEscape ? (BytesVector)operands[2] : null;
        var nulls = NullMasks.Union(rows, operands);
        var bits = new ulong[NullMasks.WordCount(rows)];
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                continue;
            }

            var pattern = _constant ?? PatternAt(patterns.GetBytes(i), escapes is null ? default : escapes.GetBytes(i));
            if (pattern.Matches(text.GetBytes(i)))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }

        return NullMasks.NewBoolean(Type, rows, bits, nulls);
    }

    private LikePattern PatternAt(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> escape)
    {
        if (_last is null || !pattern.SequenceEqual(_lastPattern) || !escape.SequenceEqual(_lastEscape))
        {
            _last = LikePattern.Compile(pattern, escape, _hasEscape);
            _lastPattern = pattern.ToArray();
            _lastEscape = escape.ToArray();
        }

        return _last;
    }
}
