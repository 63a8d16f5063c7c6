using System.Globalization;
using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning;

/// <summary>
/// One value a <c>DEFINE</c> condition or <c>MEASURES</c> expression of a <see cref="MatchRecognize"/> reads from the rows
/// of a match: a navigation (<c>LAST</c>, <c>FIRST</c>, <c>PREV</c>) to one column, an aggregate over the rows of some
/// variables, or one of the match functions. The conditions and measures are expressions over the row of slots.
/// </summary>
/// <param name="Kind">What the slot reads.</param>
/// <param name="Variables">The pattern variables (indexes) whose rows count; empty for all rows of the match (<c>*</c>).</param>
/// <param name="Offset">The navigation offset (0 for aggregates and functions).</param>
/// <param name="Sources">
/// Over the input row: the column of a navigation (one <see cref="BoundInputRef"/>), the arguments of an aggregate (none
/// for <c>COUNT(*)</c>); empty for the functions.
/// </param>
/// <param name="Aggregate">The aggregate call of <see cref="MatchSlotKind.Aggregate"/> (its arguments are positions in
/// <paramref name="Sources"/>), else null.</param>
/// <param name="Type">The slot's type.</param>
public sealed record MatchSlot(
    MatchSlotKind Kind,
    NodeList<int> Variables,
    int Offset,
    NodeList<BoundExpression> Sources,
    AggregateCall? Aggregate,
    DataType Type)
{
    /// <summary>The slot as text, for example <c>LAST(DOWN.price, 1)</c>, with names from the variables and the input row.</summary>
    public string Format(IReadOnlyList<string> variables, PlanSchema row)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(row);
        var prefix = Variables.Count == 0 ? string.Empty
            : Variables.Count == 1 ? variables[Variables[0]] + "."
            : "{" + string.Join(",", Variables.Select(v => variables[v])) + "}.";
        string Source(BoundExpression e) => BoundExpressionFormatter.Format(e, i => i >= 0 && i < row.Count ? prefix + row[i].Name : "$" + i);
        return Kind switch
        {
            MatchSlotKind.Last when Offset == 0 => Source(Sources[0]),
            MatchSlotKind.Last => string.Create(CultureInfo.InvariantCulture, $"LAST({Source(Sources[0])}, {Offset})"),
            MatchSlotKind.First => string.Create(CultureInfo.InvariantCulture, $"FIRST({Source(Sources[0])}, {Offset})"),
            MatchSlotKind.Prev => string.Create(CultureInfo.InvariantCulture, $"PREV({Source(Sources[0])}, {Offset})"),
            MatchSlotKind.Aggregate => $"{Aggregate!.Function.Name}({(Sources.Count == 0 ? prefix + "*" : string.Join(", ", Sources.Select(Source)))})",
            MatchSlotKind.MatchRowtime => "MATCH_ROWTIME()",
            MatchSlotKind.MatchProctime => "MATCH_PROCTIME()",
            _ => "CLASSIFIER()",
        };
    }
}
