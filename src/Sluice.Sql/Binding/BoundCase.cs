using Sluice.Core.Types;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>CASE WHEN c1 THEN r1 ... ELSE e END</c>: the first true condition's result, else <see cref="Else"/> (a typed
/// <c>NULL</c> when the SQL has no <c>ELSE</c>). A simple <c>CASE x WHEN v ...</c> is bound as conditions <c>x = v</c>.
/// Results are cast to the least restrictive type.
/// </summary>
/// <param name="Conditions">The conditions, in order.</param>
/// <param name="Results">The result for each condition.</param>
/// <param name="Else">The result when no condition holds.</param>
/// <param name="Type">The result type.</param>
public sealed record BoundCase(
    NodeList<BoundExpression> Conditions,
    NodeList<BoundExpression> Results,
    BoundExpression Else,
    DataType Type)
    : BoundExpression
{
    /// <inheritdoc />
    public override DataType Type { get; } = Type;

    /// <summary>Conditions and results interleaved, then the else result.</summary>
    public override IReadOnlyList<BoundExpression> Children
    {
        get
        {
            var children = new List<BoundExpression>(Conditions.Count * 2 + 1);
            for (var i = 0; i < Conditions.Count; i++)
            {
                children.Add(Conditions[i]);
                children.Add(Results[i]);
            }

            children.Add(Else);
            return children;
        }
    }

    /// <inheritdoc />
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children)
    {
        var count = (children.Count - 1) / 2;
        return this with
        {
            Conditions = new NodeList<BoundExpression>(Enumerable.Range(0, count).Select(i => children[2 * i])),
            Results = new NodeList<BoundExpression>(Enumerable.Range(0, count).Select(i => children[2 * i + 1])),
            Else = children[^1],
        };
    }
}
