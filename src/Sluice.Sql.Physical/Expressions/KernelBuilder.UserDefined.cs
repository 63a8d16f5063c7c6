using Sluice.Core.Errors;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Functions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Calls of C# scalar functions (<c>CREATE FUNCTION</c>).</summary>
internal sealed partial class KernelBuilder
{
    private Kernel BuildUserDefined(BoundCall call, UserDefinedFunctionDescriptor descriptor)
    {
        if (descriptor.Kind != FunctionKind.Scalar)
        {
            throw new SluiceException(
                $"{call.Function.Name} is a {descriptor.Kind.ToString().ToLowerInvariant()} function; it cannot be called as a scalar function here.",
                ErrorDomain.User);
        }

        var operands = call.Operands.Select(Build).ToArray();
        var overload = descriptor.Resolve(operands.Select(o => o.Type).ToArray(), call.Function.Name, out var error)
            ?? throw new SluiceException(error!, ErrorDomain.User);
        for (var i = 0; i < operands.Length; i++)
        {
            // The binder cast the arguments to the parameter types; a literal NULL may still need its type.
            var parameter = overload.ParameterAt(i).SqlType;
            if (!operands[i].Type.EqualsIgnoringNullability(parameter))
            {
                operands[i] = Cast(operands[i], parameter.WithNullability(operands[i].Type.IsNullable));
            }
        }

        return new UserDefinedScalarKernel(call.Function.Name, descriptor, overload, operands, call.Type);
    }
}
