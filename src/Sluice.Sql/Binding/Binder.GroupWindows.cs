using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>
/// Flink's legacy group windows, so older scripts run unchanged: <c>GROUP BY TUMBLE(time, size)</c>,
/// <c>HOP(time, slide, size)</c> and <c>SESSION(time, gap)</c> with the auxiliary functions <c>TUMBLE_START</c>,
/// <c>TUMBLE_END</c>, <c>TUMBLE_ROWTIME</c>, <c>TUMBLE_PROCTIME</c> (and the <c>HOP_</c>/<c>SESSION_</c> ones). They are
/// planned as the window table functions: the filtered <c>FROM</c> goes through the windowing function, the group
/// window becomes the keys <c>window_start, window_end</c>, and the auxiliary functions read <c>window_start</c>,
/// <c>window_end</c> and <c>window_time</c>. A session window is per group: the other keys (columns) partition it.
/// </summary>
internal sealed partial class Binder
{
    private static readonly string[] WindowColumns = ["window_start", "window_end", "window_time"];

    /// <summary>The name of the window columns' table in scope: one no query can spell, so only the rewrite reads them.</summary>
    private const string GroupWindowTable = "$group-window";

    /// <summary>The legacy group window of the SELECT being bound (its kind), or null.</summary>
    private WindowKind? _groupWindow;

    /// <summary>
    /// When <paramref name="select"/>'s <c>GROUP BY</c> holds a legacy group window, applies it to the input and
    /// returns the <c>GROUP BY</c> list with the window replaced by <c>window_start, window_end</c>; otherwise null.
    /// </summary>
    private NodeList<SqlExpression>? ApplyGroupWindow(SelectQuery select, ref SelectState state, Scope? outer)
    {
        var windows = select.GroupBy.Select((e, i) => (Call: e as FunctionCall, Index: i))
            .Where(e => e.Call is { Name.Parts.Count: 1, Over: null } call && GroupWindowKind(call.Name.Last.Value) is not null)
            .ToList();
        if (windows.Count == 0)
        {
            return null;
        }

        if (windows.Count > 1)
        {
            throw Invalid(windows[1].Call!.Span, "A GROUP BY can hold only one group window (TUMBLE, HOP or SESSION)");
        }

        var (call, position) = (windows[0].Call!, windows[0].Index);
        var name = call.Name.Last.Value.ToUpperInvariant();
        var kind = GroupWindowKind(name)!.Value;
        var (parameters, required) = kind switch
        {
            WindowKind.Tumble => (new[] { "TIMECOL", "SIZE", "OFFSET" }, 2),
            WindowKind.Hop => (new[] { "TIMECOL", "SLIDE", "SIZE", "OFFSET" }, 3),
            _ => (new[] { "TIMECOL", "GAP" }, 2),
        };
        if (call.Arguments.Count < required || call.Arguments.Count > parameters.Length)
        {
            throw Invalid(call.Span, $"The group window {name} takes {(required == parameters.Length ? required.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{required} or {parameters.Length}")} arguments: "
                + $"{name}({string.Join(", ", parameters.Take(required).Select(p => p.ToLowerInvariant()))}{(parameters.Length > required ? ", [offset]" : string.Empty)})");
        }

        var input = state.Input;
        var clash = input.Schema.Names.FirstOrDefault(n => WindowColumns.Contains(n, StringComparer.Ordinal));
        if (clash is not null)
        {
            throw Invalid(call.Span, $"The input of the group window {name} already has a column named '{clash}'; rename it (for example {clash} AS w_{clash})");
        }

        var time = BindExpression(call.Arguments[0], new ExpressionContext(state.Scope, Clause.GroupBy));
        if (time is not BoundInputRef timeRef || input.Schema[timeRef.Index].TimeAttribute == TimeAttribute.None)
        {
            throw Invalid(call.Arguments[0].Span,
                $"The first argument of the group window {name} must be a time attribute (a rowtime column with a watermark, or PROCTIME()), not '{Text(call.Arguments[0])}'");
        }

        TimeSpan Interval(int index) => WindowInterval(call.Arguments[index], parameters[index], name);
        var (size, step, offset) = kind switch
        {
            WindowKind.Tumble => (Interval(1), (TimeSpan?)null, call.Arguments.Count > 2 ? Interval(2) : (TimeSpan?)null),
            WindowKind.Hop => (Interval(2), Interval(1), call.Arguments.Count > 3 ? Interval(3) : (TimeSpan?)null),
            _ => (Interval(1), (TimeSpan?)null, (TimeSpan?)null),
        };
        if (step is { } slide && size.Ticks % slide.Ticks != 0)
        {
            throw Invalid(call.Arguments[2].Span, "The size of a HOP window must be a whole multiple of its slide");
        }

        // A session is per group: the other GROUP BY keys partition it (they must be columns).
        var partitionKeys = new List<int>();
        if (kind == WindowKind.Session)
        {
            foreach (var key in select.GroupBy.Where((_, i) => i != position))
            {
                var bound = BindExpression(key, new ExpressionContext(state.Scope, Clause.GroupBy));
                partitionKeys.Add(bound is BoundInputRef reference
                    ? reference.Index
                    : throw NotSupported(key.Span, "With a SESSION group window, the other GROUP BY keys must be columns"));
            }
        }

        var plan = new WindowTableFunction(input, kind, timeRef.Index, size, step, offset, partitionKeys.ToNodeList());
        var windowTable = new ScopeTable(GroupWindowTable, input.Schema.Count, plan.Schema.Skip(input.Schema.Count).ToList());
        state = new SelectState(plan, new Scope([.. state.Scope.Tables, windowTable], outer));

        SqlExpression Column(string column) => WindowColumn(call.Span, column);
        return select.GroupBy.Take(position).Append(Column("window_start")).Append(Column("window_end")).Append(Column("window_time")).Concat(select.GroupBy.Skip(position + 1)).ToNodeList();
    }

    /// <summary>
    /// Binds an auxiliary group-window function (<c>TUMBLE_START(...)</c> ...) as the window column it reads; false
    /// when <paramref name="call"/> is not one.
    /// </summary>
    private bool TryBindGroupWindowProperty(FunctionCall call, ExpressionContext context, out BoundExpression? property)
    {
        property = null;
        var name = call.Name.Parts.Count == 1 ? call.Name.Last.Value.ToUpperInvariant() : string.Empty;
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        if (separator < 0 || GroupWindowKind(name[..separator]) is not { } family)
        {
            return false;
        }

        var column = name[(separator + 1)..] switch
        {
            "START" => "window_start",
            "END" => "window_end",
            "ROWTIME" or "PROCTIME" => "window_time",
            _ => null,
        };
        if (column is null)
        {
            return false;
        }

        if (_groupWindow != family)
        {
            throw Invalid(call.Span, $"{name} can only be used in a query grouped by the group window {name[..separator]}(...)");
        }

        property = BindExpression(WindowColumn(call.Span, column), context);
        return true;
    }

    private static IdentifierExpression WindowColumn(SourceSpan span, string column) =>
        new(span, new QualifiedName(span, new NodeList<Identifier>([new Identifier(span, GroupWindowTable), new Identifier(span, column)])));

    private static WindowKind? GroupWindowKind(string name) => name.ToUpperInvariant() switch
    {
        "TUMBLE" => WindowKind.Tumble,
        "HOP" => WindowKind.Hop,
        "SESSION" => WindowKind.Session,
        _ => null,
    };
}
