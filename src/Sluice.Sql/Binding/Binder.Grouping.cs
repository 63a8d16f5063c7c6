using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>GROUP BY</c>: keys, and grouping sets from <c>GROUPING SETS</c>, <c>ROLLUP</c>, <c>CUBE</c> and <c>()</c>. Several
/// elements combine as a cross product (<c>GROUP BY a, ROLLUP(b, c)</c> is the sets <c>{a,b,c}, {a,b}, {a}</c>).
/// </summary>
internal sealed partial class Binder
{
    private void BindGroupBy(IReadOnlyList<SqlExpression> groupBy, AggregateBinding aggregation)
    {
        var keys = new List<BoundExpression>();
        var context = new ExpressionContext(aggregation.FromScope, Clause.GroupBy);
        var usesSets = false;
        List<List<int>> sets = [[]];
        foreach (var element in groupBy)
        {
            List<List<int>> elementSets;
            if (element is GroupingSetsExpression or EmptyGroupingSet)
            {
                usesSets = true;
                elementSets = GroupingSets(element, keys, context);
            }
            else
            {
                elementSets = [KeyPositions(element, keys, context)];
            }

            sets = sets.SelectMany(prefix => elementSets.Select(set => prefix.Concat(set).Distinct().Order().ToList())).ToList();
        }

        var allKeys = Enumerable.Range(0, keys.Count).ToList();
        NodeList<NodeList<int>>? groupingSets = null;
        if (usesSets && !(sets.Count == 1 && sets[0].SequenceEqual(allKeys)))
        {
            groupingSets = sets.Select(s => s.ToNodeList()).ToNodeList();
        }

        aggregation.SetKeys(keys, groupingSets);
    }

    /// <summary>The sets of one grouping-set element, as positions in <paramref name="keys"/>.</summary>
    private List<List<int>> GroupingSets(SqlExpression element, List<BoundExpression> keys, ExpressionContext context)
    {
        switch (element)
        {
            case EmptyGroupingSet:
                return [[]];
            case GroupingSetsExpression { Kind: GroupingKind.GroupingSets } sets:
                return sets.Elements.SelectMany(e => e is GroupingSetsExpression or EmptyGroupingSet
                    ? GroupingSets(e, keys, context)
                    : [KeyPositions(e, keys, context)]).ToList();
            case GroupingSetsExpression { Kind: GroupingKind.Rollup } rollup:
            {
                var items = rollup.Elements.Select(e => KeyPositions(e, keys, context)).ToList();
                var result = new List<List<int>>();
                for (var count = items.Count; count >= 0; count--)
                {
                    result.Add(items.Take(count).SelectMany(i => i).Distinct().ToList());
                }

                return result;
            }

            case GroupingSetsExpression cube:
            {
                var items = cube.Elements.Select(e => KeyPositions(e, keys, context)).ToList();
                if (items.Count > 12)
                {
                    throw Invalid(cube.Span, "CUBE supports at most 12 elements");
                }

                var result = new List<List<int>>();
                for (var mask = (1 << items.Count) - 1; mask >= 0; mask--)
                {
                    result.Add(items.Where((_, i) => (mask & (1 << (items.Count - 1 - i))) != 0).SelectMany(i => i).Distinct().ToList());
                }

                return result;
            }

            default:
                return [KeyPositions(element, keys, context)];
        }
    }

    /// <summary>The key positions of one element: a key, or several for a parenthesized list <c>(a, b)</c>.</summary>
    private List<int> KeyPositions(SqlExpression element, List<BoundExpression> keys, ExpressionContext context)
    {
        if (element is RowConstructor { IsExplicit: false } row)
        {
            return row.Fields.SelectMany(f => KeyPositions(f, keys, context)).ToList();
        }

        if (element is GroupingSetsExpression or EmptyGroupingSet)
        {
            throw NotSupported(element.Span, "grouping sets nested inside ROLLUP or CUBE are not supported");
        }

        var key = BindExpression(element, context);
        RejectVariantKey(key, element.Span, "a GROUP BY key");
        var position = keys.IndexOf(key);
        if (position < 0)
        {
            keys.Add(key);
            position = keys.Count - 1;
        }

        return [position];
    }

    /// <summary>A positioned error when <paramref name="key"/> is (or contains) a VARIANT, which has no equality.</summary>
    private static void RejectVariantKey(BoundExpression key, SourceSpan span, string role)
    {
        if (TypeRules.ContainsVariant(key.Type))
        {
            throw TypeError(span, $"A value of type {key.Type} cannot be {role}: VARIANT values are not comparable (cast a field to a scalar type first)");
        }
    }
}
