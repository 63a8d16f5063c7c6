using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A function computed row by row on boxed values (<see cref="ColumnVector.GetValue"/>, see
/// <see cref="ColumnVectorBuilder"/> for the .NET types): for the long tail of built-in functions whose cost is in
/// the function itself (URL parsing, collection functions), not in reading the operands. With
/// <paramref name="nullOnNullInput"/> a NULL operand gives NULL without calling the function; otherwise the function
/// sees nulls. The function returns null for a NULL result.
/// </summary>
internal sealed class RowFunctionKernel(
    Kernel[] operands,
    string name,
    Func<object?[], object?> function,
    DataType type,
    bool nullOnNullInput = true,
    bool mayFail = false) : NaryKernel(operands, type)
{
    private readonly string _name = name;
    private readonly Func<object?[], object?> _function = function;
    private readonly bool _nullOnNullInput = nullOnNullInput;

    protected override bool SelfMayFail => mayFail;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        using var builder = ColumnVectorBuilder.Create(Type, rows);
        var arguments = new object?[operands.Length];
        for (var i = 0; i < rows; i++)
        {
            var hasNull = false;
            for (var k = 0; k < operands.Length; k++)
            {
                arguments[k] = operands[k].GetValue(i);
                hasNull |= arguments[k] is null;
            }

            if (hasNull && _nullOnNullInput)
            {
                builder.AppendNull();
                continue;
            }

            object? result;
            try
            {
                result = _function(arguments);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidOperationException)
            {
                throw new SluiceException($"{_name} failed: {e.Message}", ErrorDomain.User);
            }

            builder.Append(result);
        }

        return builder.Build();
    }
}
