using Sluice.Core.Types;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>The binder's view of a call for result-type inference.</summary>
internal sealed class BinderCallContext : CallContext
{
    private readonly IReadOnlyList<BoundExpression> _operands;
    private readonly DataType[] _types;

    public BinderCallContext(FunctionDefinition function, IReadOnlyList<BoundExpression> operands, SourceSpan span,
        int groupCount = -1, bool hasFilter = false, bool isOver = false)
    {
        Function = function;
        _operands = operands;
        _types = operands.Select(o => o.Type).ToArray();
        Span = span;
        GroupCount = groupCount;
        HasFilter = hasFilter;
        IsOver = isOver;
    }

    public override FunctionDefinition Function { get; }

    public override IReadOnlyList<DataType> OperandTypes => _types;

    public override SourceSpan Span { get; }

    public override int GroupCount { get; }

    public override bool HasFilter { get; }

    public override bool IsOver { get; }

    public override bool TryGetLiteral(int index, out object? value)
    {
        if (_operands[index] is BoundLiteral literal)
        {
            value = literal.Value;
            return true;
        }

        value = null;
        return false;
    }

    public override string? SymbolAt(int index) => _operands[index] is BoundSymbol symbol ? symbol.Name : null;
}
