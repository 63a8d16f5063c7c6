using Sluice.Core.Types;
using Sluice.Sql.Binding;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Constructed values: ARRAY, MAP and ROW constructors, item and field access, collection functions.</summary>
internal sealed partial class KernelBuilder
{
    private Kernel BuildArrayConstructor(BoundCall call)
    {
        var element = call.Type.ElementType!;
        return new ConstructorKernel(call.Operands.Select(o => Cast(Build(o), element.WithNullability(o.Type.IsNullable))).ToArray(), call.Type);
    }

    private Kernel BuildMapConstructor(BoundCall call)
    {
        var type = call.Type;
        var operands = new Kernel[call.Operands.Count];
        for (var i = 0; i < operands.Length; i++)
        {
            var target = i % 2 == 0 ? type.KeyType! : type.ValueType!;
            operands[i] = Cast(Build(call.Operands[i]), target.WithNullability(call.Operands[i].Type.IsNullable));
        }

        return new ConstructorKernel(operands, type);
    }

    private Kernel BuildRowConstructor(BoundCall call)
    {
        var fields = call.Type.Fields;
        return new ConstructorKernel(call.Operands.Select((o, i) => Cast(Build(o), fields[i].DataType)).ToArray(), call.Type);
    }

    private Kernel BuildFieldAccess(BoundFieldAccess access)
    {
        var target = Build(access.Target);
        return new FieldAccessKernel(target, access.FieldIndex, access.Type);
    }

    private Kernel BuildItem(BoundCall call)
    {
        var target = Build(call.Operands[0]);
        if (target.Type.TypeId == TypeId.Variant)
        {
            return new VariantItemKernel(target, Build(call.Operands[1]), call.Type);
        }

        var key = target.Type.TypeId == TypeId.Map
            ? Cast(Build(call.Operands[1]), target.Type.KeyType!.Nullable())
            : Int(call, 1);
        return new CollectionKernel([target, key], CollectionFunction.Item, call.Type);
    }

    private Kernel? TryBuildCollection(BoundCall call)
    {
        switch (call.Function.Name)
        {
            case "CARDINALITY":
                return new CollectionKernel([Build(call.Operands[0])], CollectionFunction.Cardinality, call.Type);
            case "ELEMENT":
                return new CollectionKernel([Build(call.Operands[0])], CollectionFunction.Element, call.Type);
            case "ARRAY_CONTAINS":
            {
                var array = Build(call.Operands[0]);
                var value = Cast(Build(call.Operands[1]), array.Type.ElementType!.Nullable());
                return new CollectionKernel([array, value], CollectionFunction.Contains, call.Type);
            }

            default:
                return null;
        }
    }
}
