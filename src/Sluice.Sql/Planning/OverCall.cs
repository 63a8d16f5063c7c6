using System.Text;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>One aggregate or ranking call of an <see cref="OverWindow"/> node.</summary>
/// <param name="Function">The aggregate or ranking function.</param>
/// <param name="Operands">The operands, over the node's input row.</param>
/// <param name="IsDistinct">True for <c>DISTINCT</c>.</param>
/// <param name="Type">The result type.</param>
/// <param name="Name">The output column name.</param>
public sealed record OverCall(FunctionDefinition Function, NodeList<BoundExpression> Operands, bool IsDistinct, DataType Type, string Name)
{
    /// <summary>True for <c>ARRAY_AGG(x IGNORE NULLS)</c> (see <see cref="AggregateCall.IgnoreNulls"/>).</summary>
    public bool IgnoreNulls { get; init; }

    /// <summary>The call as plan text with input columns named by <paramref name="inputName"/>.</summary>
    public string Format(Func<int, string> inputName)
    {
        var builder = new StringBuilder(Function.Name).Append('(');
        if (IsDistinct)
        {
            builder.Append("DISTINCT ");
        }

        builder.Append(string.Join(", ", Operands.Select(o => BoundExpressionFormatter.Format(o, inputName))));
        builder.Append(AggregateCall.NullClause(Function.Name, IgnoreNulls));
        return builder.Append(") AS ").Append(Name).Append(": ").Append(Type).ToString();
    }
}
