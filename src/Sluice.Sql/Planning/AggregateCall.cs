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
    /// <summary>
    /// True when NULL values are left out by a function that otherwise keeps them: <c>ARRAY_AGG(x IGNORE NULLS)</c>,
    /// <c>JSON_ARRAYAGG(v)</c> (default <c>ABSENT ON NULL</c>) and <c>JSON_OBJECTAGG(k VALUE v ABSENT ON NULL)</c>. The
    /// other functions always leave NULLs out; for them it is false.
    /// </summary>
    public bool IgnoreNulls { get; init; }

    /// <summary>Where the call was written (for errors found while its operator is built); not part of its equality.</summary>
    public PlanPosition Position { get; init; }

    /// <summary>The call as plan text with input columns named from <paramref name="row"/>, for example <c>COUNT(DISTINCT id) AS n: BIGINT NOT NULL</c>.</summary>
    public string Format(PlanSchema row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var builder = new StringBuilder(Function.Name).Append('(');
        if (IsDistinct)
        {
            builder.Append("DISTINCT ");
        }

        builder.Append(string.Join(", ", Arguments.Select(a => NameOf(a, row)))).Append(NullClause(Function.Name, IgnoreNulls)).Append(')');
        if (FilterArgument >= 0)
        {
            builder.Append(" FILTER (WHERE ").Append(NameOf(FilterArgument, row)).Append(')');
        }

        return builder.Append(" AS ").Append(Name).Append(": ").Append(Type).ToString();
    }

    /// <summary>
    /// The null clause of a call as plan text: <c> IGNORE NULLS</c> for ARRAY_AGG, <c> NULL ON NULL</c> or
    /// <c> ABSENT ON NULL</c> for JSON_OBJECTAGG and JSON_ARRAYAGG; empty otherwise.
    /// </summary>
    internal static string NullClause(string function, bool ignoreNulls) => function switch
    {
        "ARRAY_AGG" => ignoreNulls ? " IGNORE NULLS" : string.Empty,
        "JSON_OBJECTAGG" or "JSON_ARRAYAGG" => ignoreNulls ? " ABSENT ON NULL" : " NULL ON NULL",
        _ => string.Empty,
    };

    private static string NameOf(int index, PlanSchema row) => index >= 0 && index < row.Count ? row[index].Name : "$" + index;
}
