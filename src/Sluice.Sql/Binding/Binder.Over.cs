using System.Globalization;
using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>OVER</c> windows: named windows, window specifications, frames, Flink's streaming rules (an aggregate window is
/// ordered by one ascending time attribute and ends at the current row), and moving window calls into
/// <see cref="OverWindow"/> nodes.
/// </summary>
internal sealed partial class Binder
{
    private static Dictionary<string, WindowSpecification> ResolveNamedWindows(IReadOnlyList<NamedWindow> windows)
    {
        var result = new Dictionary<string, WindowSpecification>(StringComparer.Ordinal);
        foreach (var window in windows)
        {
            if (result.ContainsKey(window.Name.Value))
            {
                throw Invalid(window.Name.Span, $"Duplicate window name '{window.Name.Value}'");
            }

            result[window.Name.Value] = MergeWithBase(window.Specification, result);
        }

        return result;
    }

    private static WindowSpecification MergeWithBase(WindowSpecification specification, IReadOnlyDictionary<string, WindowSpecification>? named)
    {
        if (specification.BaseWindow is null)
        {
            return specification;
        }

        if (named is null || !named.TryGetValue(specification.BaseWindow.Value, out var baseWindow))
        {
            throw NotFound(specification.BaseWindow.Span, $"Window '{specification.BaseWindow.Value}' not found");
        }

        if (specification.PartitionBy.Count > 0)
        {
            throw Invalid(specification.Span, $"A window based on '{specification.BaseWindow.Value}' cannot have its own PARTITION BY");
        }

        if (specification.OrderBy.Count > 0 && baseWindow.OrderBy.Count > 0)
        {
            throw Invalid(specification.Span, $"A window based on '{specification.BaseWindow.Value}' cannot order again: the base window has an ORDER BY");
        }

        return new WindowSpecification(specification.Span, null, baseWindow.PartitionBy,
            specification.OrderBy.Count > 0 ? specification.OrderBy : baseWindow.OrderBy, specification.Frame ?? baseWindow.Frame);
    }

    private BoundExpression BindOverCall(FunctionCall call, FunctionDefinition function, ExpressionContext context)
    {
        if (!context.AllowOver)
        {
            throw Invalid(call.Span, $"OVER windows are not allowed in {context.ClauseName}");
        }

        if (function.IsBuiltIn && function.Name is "JSON_OBJECTAGG" or "JSON_ARRAYAGG")
        {
            // As in Flink: neither JSON aggregate is supported in OVER windows.
            throw NotSupported(call.Over!.Span, $"{function.Name} in an OVER window");
        }

        var argumentContext = context with { AllowOver = false, AggregateNameHint = null, Clause = Clause.Window };
        var operands = BindOperands(call, function, argumentContext);
        var specification = MergeWithBase(call.Over!, context.NamedWindows);
        var partition = specification.PartitionBy.Select(p =>
        {
            var key = BindExpression(p, argumentContext);
            RejectVariantKey(key, p.Span, "a PARTITION BY key");
            return key;
        }).ToNodeList();
        var order = specification.OrderBy.Select(o => SortKey(o, BindExpression(o.Expression, argumentContext))).ToNodeList();
        var ranking = function.Kind == FunctionKind.Ranking;
        if (ranking && order.Count == 0 && function.Name is "ROW_NUMBER" or "RANK" or "DENSE_RANK" or "PERCENT_RANK" or "CUME_DIST" or "NTILE")
        {
            throw Invalid(call.Span, $"{function.Name} needs an ORDER BY in its OVER window");
        }

        if (!ranking)
        {
            if (order.Count != 1 || order[0].Descending)
            {
                throw Invalid(specification.Span,
                    "An OVER window of an aggregate must be ordered by one time attribute (a rowtime or processing-time column) or one other column, in ascending order");
            }
        }

        var frame = BindFrame(specification.Frame, order.Count > 0, ranking);
        if (!ranking && TimeAttributeOf(order[0].Expression, context) == TimeAttribute.None && frame.Lower.Kind != FrameBoundKind.UnboundedPreceding)
        {
            // Flink 2.1 orders OVER windows by a non-time column only with an unbounded frame (its results are updated).
            throw NotSupported(specification.Frame?.Span ?? specification.Span,
                "An OVER window ordered by a column that is not a time attribute supports only ROWS or RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW");
        }
        if (!ranking && frame.Upper.Kind != FrameBoundKind.CurrentRow)
        {
            throw NotSupported(specification.Frame?.Span ?? specification.Span,
                "OVER windows must end at CURRENT ROW in streaming mode; FOLLOWING bounds are not supported");
        }

        var resolved = ResolveCall(function, operands, call.Span, isOver: true);
        var window = new BoundWindow(partition, order, frame) { Span = specification.Span };
        return new BoundOverCall(function, resolved.Operands, call.Quantifier == SetQuantifier.Distinct, window, resolved.Type)
        {
            IgnoreNulls = IgnoresNulls(call, function),
        };
    }

    private BoundFrame BindFrame(WindowFrame? frame, bool ordered, bool ranking)
    {
        if (frame is null || ranking)
        {
            return ordered
                ? new BoundFrame(FrameUnit.Range, BoundFrameBound.UnboundedPreceding, BoundFrameBound.CurrentRow)
                : new BoundFrame(FrameUnit.Rows, BoundFrameBound.UnboundedPreceding, BoundFrameBound.UnboundedFollowing);
        }

        var lower = BindFrameBound(frame.Start, frame.Unit);
        var upper = frame.End is null ? BoundFrameBound.CurrentRow : BindFrameBound(frame.End, frame.Unit);
        return new BoundFrame(frame.Unit, lower, upper);
    }

    private BoundFrameBound BindFrameBound(FrameBound bound, FrameUnit unit)
    {
        if (bound.Offset is null)
        {
            return new BoundFrameBound(bound.Kind, null);
        }

        var offset = BindExpression(bound.Offset, new ExpressionContext(Scope.Empty, Clause.Window));
        var valid = offset is BoundLiteral { IsNull: false } literal && (unit == FrameUnit.Rows
            ? TypeRules.IsInteger(literal.Type) && Convert.ToInt64(literal.Value, CultureInfo.InvariantCulture) >= 0
            : TypeRules.IsInterval(literal.Type) || TypeRules.IsNumeric(literal.Type));
        if (!valid)
        {
            throw Invalid(bound.Offset.Span, unit == FrameUnit.Rows
                ? "A ROWS frame offset must be a non-negative integer literal"
                : "A RANGE frame offset must be an interval or numeric literal");
        }

        return new BoundFrameBound(bound.Kind, (BoundLiteral)offset);
    }

    /// <summary>The time attribute of a plain column reference (in a grouped query, of a window aggregation's key).</summary>
    private static TimeAttribute TimeAttributeOf(BoundExpression expression, ExpressionContext context)
    {
        if (expression is not BoundInputRef reference)
        {
            return TimeAttribute.None;
        }

        if (context.Aggregation is { } aggregation)
        {
            return aggregation.TimeAttributeOfOutput(reference.Index);
        }

        return ColumnAt(context.Scope, reference.Index)?.TimeAttribute ?? TimeAttribute.None;
    }

    /// <summary>The column at row index <paramref name="index"/> of a scope, or null.</summary>
    private static PlanColumn? ColumnAt(Scope scope, int index)
    {
        foreach (var table in scope.Tables)
        {
            if (index >= table.Offset && index < table.Offset + table.Columns.Count)
            {
                return table.Columns[index - table.Offset];
            }
        }

        return null;
    }

    /// <summary>
    /// Moves the window calls of <paramref name="expressions"/> into <see cref="OverWindow"/> nodes stacked on
    /// <paramref name="input"/> (one per distinct window, in order of appearance) and references their columns instead.
    /// </summary>
    private static (List<BoundExpression> Expressions, LogicalPlan Input) ExtractOverCalls(List<BoundExpression> expressions, LogicalPlan input)
    {
        var calls = expressions.SelectMany(e => e.Descendants()).OfType<BoundOverCall>().Distinct().ToList();
        if (calls.Count == 0)
        {
            return (expressions, input);
        }

        var replacements = new Dictionary<BoundOverCall, BoundInputRef>();
        var plan = input;
        var groups = calls.GroupBy(c => c.Window).ToList();
        for (var g = 0; g < groups.Count; g++)
        {
            var taken = plan.Schema.Names.ToHashSet(StringComparer.Ordinal);
            var overCalls = groups[g].Select((c, k) =>
            {
                var name = $"w{g.ToString(CultureInfo.InvariantCulture)}$o{k.ToString(CultureInfo.InvariantCulture)}";
                while (!taken.Add(name))
                {
                    name += "_";
                }

                return new OverCall(c.Function, c.Operands, c.IsDistinct, c.Type, name) { IgnoreNulls = c.IgnoreNulls };
            }).ToNodeList();
            plan = new OverWindow(plan, groups[g].Key, overCalls);
            var first = plan.Schema.Count - overCalls.Count;
            var k = 0;
            foreach (var call in groups[g])
            {
                replacements[call] = new BoundInputRef(first + k, overCalls[k].Name, call.Type);
                k++;
            }
        }

        var rewritten = expressions.Select(e => e.Transform(node => node is BoundOverCall over ? replacements[over] : node)).ToList();
        return (rewritten, plan);
    }
}
