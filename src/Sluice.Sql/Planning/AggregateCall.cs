using System.Text;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Planning;

/// <summary>
/// One aggregate of an <see cref="Aggregate"/> node (Calcite's <c>AggregateCall</c>): the function, its argument
/// columns, <c>DISTINCT</c>, the <c>FILTER</c> column, the result type and the output name.
/// </summary>
/// <param name="Function">The aggregate function.</param>
/// <param name="Arguments">The input columns passed as arguments (none for <c>COUNT(*)</c>).</param>
/// <param name="IsDistinct">True for <c>DISTINCT</c>.</param>
/// <param name="FilterArgument">The input column of the <c>FILTER (WHERE ...)</c> condition (a <c>BOOLEAN</c>), or -1.</param>
/// <param name="Type">The result type.</param>
/// <param name="Name">The output column name.</param>
public sealed record AggregateCall(
    FunctionDefinition Function,
    NodeList<int> Arguments,
    bool IsDistinct,
    int FilterArgument,
    DataType Type,
    string Name)
{
    /// <summary>The call as plan text with input columns named from <paramref name="row"/>, for example <c>COUNT(DISTINCT id) AS n: BIGINT NOT NULL</c>.</summary>
    public string Format(PlanSchema row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var builder = new StringBuilder(Function.Name).Append('(');
        if (IsDistinct)
        {
            builder.Append("DISTINCT ");
        }

        builder.Append(string.Join(", ", Arguments.Select(a => NameOf(a, row)))).Append(')');
        if (FilterArgument >= 0)
        {
            builder.Append(" FILTER (WHERE ").Append(NameOf(FilterArgument, row)).Append(')');
        }

        return builder.Append(" AS ").Append(Name).Append(": ").Append(Type).ToString();
    }

    private static string NameOf(int index, PlanSchema row) => index >= 0 && index < row.Count ? row[index].Name : "$" + index;
}
