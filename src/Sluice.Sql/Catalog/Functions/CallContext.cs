using Sluice.Core.Types;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>
/// A call being bound, as return-type inference sees it: the operand types, which operands are literals and
/// their values, and for aggregates whether the call is grouped, filtered or windowed. The binder provides it.
/// </summary>
public abstract class CallContext
{
    /// <summary>The function being called.</summary>
    public abstract FunctionDefinition Function { get; }

    /// <summary>The types of the operands, in order (symbols have the <c>NULL</c> type).</summary>
    public abstract IReadOnlyList<DataType> OperandTypes { get; }

    /// <summary>The number of operands.</summary>
    public int OperandCount => OperandTypes.Count;

    /// <summary>Where the call is in the source, for errors.</summary>
    public abstract SourceSpan Span { get; }

    /// <summary>
    /// For an aggregate: the number of <c>GROUP BY</c> keys, 0 for a global aggregation (no <c>GROUP BY</c>), or -1
    /// outside an aggregation (an <c>OVER</c> window).
    /// </summary>
    public virtual int GroupCount => -1;

    /// <summary>True when an aggregate call has a <c>FILTER (WHERE ...)</c> clause.</summary>
    public virtual bool HasFilter => false;

    /// <summary>True when the call has <c>OVER</c>.</summary>
    public virtual bool IsOver => false;

    /// <summary>
    /// True when an aggregate can see no rows and must then return null: a global aggregation or a filtered call.
    /// Flink's <c>SUM</c>, <c>MIN</c>, <c>MAX</c>, <c>AVG</c> results are nullable then, even for <c>NOT NULL</c> input.
    /// </summary>
    public bool MayBeEmpty => (GroupCount == 0 && !IsOver) || HasFilter;

    /// <summary>The type of operand <paramref name="index"/>.</summary>
    public DataType OperandType(int index) => OperandTypes[index];

    /// <summary>True when operand <paramref name="index"/> is a literal, with its value (null for a <c>NULL</c> literal).</summary>
    public abstract bool TryGetLiteral(int index, out object? value);

    /// <summary>The name of the symbol operand <paramref name="index"/> (for example <c>HOUR</c>), or null.</summary>
    public abstract string? SymbolAt(int index);

    /// <summary>True when any value operand is nullable (symbol operands do not count).</summary>
    public bool AnyOperandNullable => OperandTypes.Where((_, i) => SymbolAt(i) is null).Any(t => t.IsNullable);

    /// <summary>An error positioned at the call.</summary>
    public SqlException Error(string reason) => new(SqlErrorCode.TypeMismatch, Span, reason);
}
