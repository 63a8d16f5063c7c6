using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A constant broadcast to every row: the value is converted once, then gathered from row 0. The last broadcast is
/// kept and handed out again (retained) while frames have its length, so a <c>CASE</c> branch or function argument
/// that is a constant costs nothing per batch once the batch size settles (vectors are immutable).
/// </summary>
internal sealed class LiteralKernel : Kernel
{
    private readonly ColumnVector _single;
    private int[] _zeros = [];
    private ColumnVector? _broadcast;

    public LiteralKernel(object? value, DataType type)
        : base(type)
    {
        Value = value;
        using var builder = ColumnVectorBuilder.Create(type, 1);
        builder.Append(value);
        _single = builder.Build();
    }

    /// <summary>The constant (null for NULL), as a boxed value of the type's edge representation.</summary>
    public object? Value { get; }

    public override bool IsFree => true;

    public override ColumnVector Evaluate(in Frame frame)
    {
        var count = frame.Count;
        if (_broadcast is { } cached && cached.Length == count)
        {
            return cached.Retain();
        }

        if (_zeros.Length < count)
        {
            _zeros = new int[Math.Max(count, 2 * _zeros.Length)];
        }

        var broadcast = _single.Gather(_zeros.AsSpan(0, count));
        _broadcast?.Dispose();
        _broadcast = broadcast.Retain();
        return broadcast;
    }
}
