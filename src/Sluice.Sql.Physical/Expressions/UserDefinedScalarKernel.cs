using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Functions;
using Sluice.Sql.Physical.Udf;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A call of a C# scalar function: evaluates the argument kernels, then calls the chosen <c>Eval</c> overload once per
/// frame row through a delegate compiled once (arguments read from the vectors into .NET values, the result appended to
/// a typed builder). The instance is created with the kernel and opened before its first call; it may throw for any
/// row, so conditional kernels evaluate it only where needed.
/// </summary>
internal sealed class UserDefinedScalarKernel : NaryKernel
{
    private readonly string _name;
    private readonly UserDefinedFunctionDescriptor _descriptor;
    private readonly UserDefinedFunction _instance;
    private readonly Action<ColumnVector[], int, ColumnVectorBuilder> _invoke;
    private bool _opened;

    public UserDefinedScalarKernel(string name, UserDefinedFunctionDescriptor descriptor, FunctionOverload overload, Kernel[] operands, DataType type)
        : base(operands, type)
    {
        _name = name;
        _descriptor = descriptor;
        _instance = descriptor.CreateInstance();
        _invoke = UserDefinedInvokers.Scalar(_instance, overload, name, operands.Length);
    }

    /// <inheritdoc />
    protected override bool SelfMayFail => true;

    /// <summary>Closes the instance if it was opened.</summary>
    public void Close()
    {
        if (_opened)
        {
            _opened = false;
            _instance.Close();
        }
    }

    /// <inheritdoc />
    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        if (!_opened)
        {
            _instance.Open(_descriptor.CreateContext());
            _opened = true;
        }

        using var builder = ColumnVectorBuilder.Create(Type, Math.Max(1, frame.Count));
        try
        {
            for (var i = 0; i < frame.Count; i++)
            {
                _invoke(operands, i, builder);
            }
        }
        catch (Exception e) when (e is not SluiceException)
        {
            throw new SluiceException($"The function {_name} ({_descriptor.FunctionType.FullName}) failed: {e.Message}", ErrorDomain.User, RetryHint.None, e);
        }

        return builder.Build();
    }
}
