using System.Globalization;
using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>MATCH_RECOGNIZE</c>: the partition and order keys over the input, the pattern's variables and Flink's
/// restrictions on patterns, and the <c>DEFINE</c> conditions and <c>MEASURES</c> bound over a row of
/// <see cref="MatchSlot"/>s: while they are bound, column references, <c>FIRST</c>/<c>LAST</c>/<c>PREV</c>, aggregate calls
/// and the match functions become references to slots (<see cref="TryBindMatchExpression"/>); everything else binds as
/// usual around them.
/// </summary>
internal sealed partial class Binder
{
    private MatchBindingState? _match;

    private (LogicalPlan Plan, IReadOnlyList<ScopeTable> Tables) BindMatchRecognize(MatchRecognizeReference match)
    {
        if (_match is not null)
        {
            throw NotSupported(match.Span, "MATCH_RECOGNIZE inside a DEFINE or MEASURES expression is not supported");
        }

        var (input, _) = BindTableReference(match.Input);
        var context = new ExpressionContext(Scope.Of(null, input.Schema), Clause.Window);
        var partition = new List<BoundExpression>();
        foreach (var key in match.PartitionBy)
        {
            var bound = BindExpression(key, context);
            if (bound is not BoundInputRef)
            {
                throw NotSupported(key.Span, $"PARTITION BY of MATCH_RECOGNIZE takes columns of its input, not the expression '{Text(key)}'");
            }

            partition.Add(bound);
        }

        if (match.OrderBy.Count == 0)
        {
            throw Invalid(match.Span, "MATCH_RECOGNIZE needs an ORDER BY whose first key is a time attribute in ascending order (as in Flink)");
        }

        var order = match.OrderBy.Select(o => SortKey(o, BindExpression(o.Expression, context))).ToList();
        if (order[0].Expression is not BoundInputRef time || input.Schema[time.Index].TimeAttribute == TimeAttribute.None || order[0].Descending)
        {
            throw Invalid(match.OrderBy[0].Span,
                "The first ORDER BY key of MATCH_RECOGNIZE must be a time attribute (a rowtime or processing-time column) in ascending order");
        }

        var variables = new List<string>();
        CollectVariables(match.Pattern, variables);
        CheckPattern(match.Pattern);
        var subsets = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var subset in match.Subsets)
        {
            if (variables.Contains(subset.Name.Value) || subsets.ContainsKey(subset.Name.Value))
            {
                throw Invalid(subset.Name.Span, $"The SUBSET name '{subset.Name.Value}' is already a pattern variable or subset");
            }

            subsets[subset.Name.Value] = subset.Variables.Select(v => VariableIndex(variables, v)).Distinct().Order().ToArray();
        }

        var skip = match.AfterMatch?.Kind ?? MatchSkipKind.PastLastRow;
        var skipVariable = -1;
        if (match.AfterMatch?.Variable is { } target)
        {
            skipVariable = VariableIndex(variables, target);
            skip = skip == MatchSkipKind.ToVariable ? MatchSkipKind.ToLast : skip;
        }

        TimeSpan? within = null;
        if (match.Within is { } interval)
        {
            if (BindLiteral(interval).Value is not TimeSpan span || span <= TimeSpan.Zero)
            {
                throw Invalid(interval.Span, "WITHIN takes a positive day-time interval, for example INTERVAL '10' MINUTE");
            }

            within = span;
        }

        var state = new MatchBindingState(input.Schema, variables, subsets, time.Index);
        var definitions = new BoundExpression?[variables.Count];
        var measures = new List<BoundExpression>();
        var measureColumns = new List<PlanColumn>();
        _match = state;
        try
        {
            var defineContext = new ExpressionContext(Scope.Empty, Clause.Where);
            foreach (var definition in match.Definitions)
            {
                var index = variables.IndexOf(definition.Variable.Value);
                if (index < 0)
                {
                    throw Invalid(definition.Variable.Span, $"The DEFINE variable '{definition.Variable.Value}' does not occur in the PATTERN");
                }

                if (definitions[index] is not null)
                {
                    throw Invalid(definition.Variable.Span, $"The pattern variable '{definition.Variable.Value}' is defined twice");
                }

                var condition = BindExpression(definition.Condition, defineContext);
                if (condition.Type.TypeId == TypeId.Null)
                {
                    condition = BoundLiteral.Null(DataTypes.Boolean());
                }
                else if (condition.Type.TypeId != TypeId.Boolean)
                {
                    throw TypeError(definition.Condition.Span, $"The DEFINE condition of '{definition.Variable.Value}' must be a BOOLEAN, not {condition.Type}");
                }

                definitions[index] = condition;
            }

            state.InMeasures = true;
            var names = new HashSet<string>(partition.Select(p => ((BoundInputRef)p).Name), StringComparer.Ordinal);
            foreach (var measure in match.Measures)
            {
                var bound = BindExpression(measure.Expression, new ExpressionContext(Scope.Empty, Clause.Select));
                if (!names.Add(measure.Name.Value))
                {
                    throw Invalid(measure.Name.Span, $"The MATCH_RECOGNIZE output has two columns named '{measure.Name.Value}' (the PARTITION BY columns come first)");
                }

                var attribute = bound is BoundInputRef slot
                    ? state.Slots[slot.Index].Kind switch
                    {
                        MatchSlotKind.MatchRowtime => TimeAttribute.RowTime,
                        MatchSlotKind.MatchProctime => TimeAttribute.ProcTime,
                        _ => TimeAttribute.None,
                    }
                    : TimeAttribute.None;
                measures.Add(bound);
                measureColumns.Add(new PlanColumn(measure.Name.Value, bound.Type, attribute));
            }
        }
        finally
        {
            _match = null;
        }

        var node = new MatchRecognize(input, partition.ToNodeList(), order.ToNodeList(), variables.ToNodeList(), match.Pattern,
            state.Slots.ToNodeList(), definitions.ToNodeList(), measures.ToNodeList(), measureColumns.ToNodeList(), skip, skipVariable, within);
        return Aliased(node, match.Alias, null);
    }

    private static int VariableIndex(List<string> variables, Identifier name)
    {
        var index = variables.IndexOf(name.Value);
        return index >= 0 ? index : throw Invalid(name.Span, $"'{name.Value}' is not a variable of the PATTERN");
    }

    private static void CollectVariables(RowPattern pattern, List<string> variables)
    {
        switch (pattern)
        {
            case RowPatternVariable variable when !variables.Contains(variable.Name.Value):
                variables.Add(variable.Name.Value);
                break;
            case RowPatternConcatenation concatenation:
                concatenation.Items.ToList().ForEach(p => CollectVariables(p, variables));
                break;
            case RowPatternAlternation alternation:
                alternation.Alternatives.ToList().ForEach(p => CollectVariables(p, variables));
                break;
            case RowPatternQuantified quantified:
                CollectVariables(quantified.Pattern, variables);
                break;
        }
    }

    /// <summary>Flink's restrictions: no pattern that can match no rows, and no greedy quantifier as the last element.</summary>
    private static void CheckPattern(RowPattern pattern)
    {
        if (CanMatchEmpty(pattern))
        {
            throw NotSupported(pattern.Span,
                "Patterns that can produce empty matches are not supported (as in Flink); there must be at least one non-optional variable");
        }

        var last = pattern is RowPatternConcatenation concatenation ? concatenation.Items[^1] : pattern;
        if (last is RowPatternQuantified { Reluctant: false } quantified && quantified.Max != quantified.Min)
        {
            throw NotSupported(quantified.Span,
                "Greedy quantifiers are not allowed as the last element of a pattern (as in Flink); finish the pattern with a variable or a reluctant quantifier");
        }
    }

    private static bool CanMatchEmpty(RowPattern pattern) => pattern switch
    {
        RowPatternVariable => false,
        RowPatternConcatenation concatenation => concatenation.Items.All(CanMatchEmpty),
        RowPatternAlternation alternation => alternation.Alternatives.Any(CanMatchEmpty),
        RowPatternQuantified quantified => quantified.Min == 0 || CanMatchEmpty(quantified.Pattern),
        _ => false,
    };

    /// <summary>
    /// While a <c>DEFINE</c> condition or a measure is bound: the slot reference of a column, navigation, aggregate or match
    /// function, or null for other expressions (bound as usual, their operands coming back here).
    /// </summary>
    private BoundExpression? TryBindMatchExpression(SqlExpression expression, ExpressionContext context)
    {
        var state = _match!;
        switch (expression)
        {
            case IdentifierExpression identifier:
                return BindMatchColumn(state, identifier.Name.Parts, identifier.Span);
            case SubqueryExpression or ExistsExpression or InSubqueryExpression:
                throw NotSupported(expression.Span, "subqueries are not supported in DEFINE and MEASURES of MATCH_RECOGNIZE");
            case FunctionCall { Over: not null } over:
                throw NotSupported(over.Span, "OVER windows are not supported in DEFINE and MEASURES of MATCH_RECOGNIZE");
            case FunctionCall call when call.Name.IsSimple:
                break;
            default:
                return null;
        }

        var function = (FunctionCall)expression;
        var name = function.Name.Last.Value.ToUpperInvariant();
        switch (name)
        {
            case "FIRST" or "LAST" or "PREV":
                return BindNavigation(state, function, name, context);
            case "NEXT":
                throw NotSupported(function.Span, "NEXT is not supported in MATCH_RECOGNIZE (as in Flink); use PREV, FIRST or LAST");
            case "MATCH_ROWTIME" or "MATCH_PROCTIME" or "CLASSIFIER":
                return BindMatchFunction(state, function, name, context);
        }

        if (IsAggregateCall(function))
        {
            return BindMatchAggregate(state, function, context);
        }

        return null;
    }

    /// <summary>
    /// <c>col</c> (all rows) or <c>v.col</c> (the rows of variable or subset v): inside an aggregate's argument the input
    /// column itself, else the slot of the current navigation (a plain reference is <c>LAST(v.col, 0)</c>).
    /// </summary>
    private static BoundExpression BindMatchColumn(MatchBindingState state, IReadOnlyList<Identifier> parts, Syntax.SourceSpan span)
    {
        if (parts.Count > 2)
        {
            throw NotSupported(span, $"'{string.Join(".", parts.Select(p => p.Value))}': nested fields are not supported in MATCH_RECOGNIZE; reference a column of a pattern variable");
        }

        var variables = parts.Count == 2 ? state.VariablesOf(parts[0]) : [];
        var column = parts[^1];
        var index = state.Input.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Name == column.Value, (null!, -1)).Item2;
        if (index < 0)
        {
            throw NotFound(column.Span, $"Column '{column.Value}' not found in the input of MATCH_RECOGNIZE"
                + NameSuggestions.DidYouMean(column.Value, state.Input.Select(c => c.Name)));
        }

        state.Reference(variables, span);
        var inputColumn = state.Input[index];
        var reference = new BoundInputRef(index, inputColumn.Name, inputColumn.Type);
        if (state.InAggregate)
        {
            return reference;
        }

        var (kind, offset) = state.Navigation ?? (MatchSlotKind.Last, 0);
        return state.Slot(new MatchSlot(kind, variables.ToNodeList(), offset, NodeList<BoundExpression>.Wrap([reference]), null, inputColumn.Type.Nullable()));
    }

    /// <summary><c>FIRST(expr [, n])</c>, <c>LAST(expr [, n])</c>, <c>PREV(expr [, n])</c>: expr over the row of one variable.</summary>
    private BoundExpression BindNavigation(MatchBindingState state, FunctionCall call, string name, ExpressionContext context)
    {
        if (state.Navigation is not null || state.InAggregate)
        {
            throw NotSupported(call.Span, $"{name} cannot be nested in another navigation or aggregate in MATCH_RECOGNIZE");
        }

        if (call.Arguments.Count is < 1 or > 2 || call.Quantifier != SetQuantifier.None || call.Filter is not null)
        {
            throw Invalid(call.Span, $"{name} takes an expression and an optional offset: {name}(v.column [, n])");
        }

        var offset = name == "PREV" ? 1 : 0;
        if (call.Arguments.Count == 2)
        {
            if (call.Arguments[1] is not NumericLiteral { Kind: NumericLiteralKind.Integer } literal
                || !int.TryParse(literal.Text, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                throw Invalid(call.Arguments[1].Span, $"The offset of {name} must be a non-negative integer literal");
            }
        }

        var kind = name switch { "FIRST" => MatchSlotKind.First, "LAST" => MatchSlotKind.Last, _ => MatchSlotKind.Prev };
        state.Navigation = (kind, offset);
        state.Referenced = [];
        try
        {
            var bound = BindExpression(call.Arguments[0], context);
            return bound;
        }
        finally
        {
            state.Navigation = null;
            state.Referenced = null;
        }
    }

    /// <summary>An aggregate over the rows of one variable (or all rows): its arguments are bound over the input row.</summary>
    private BoundExpression BindMatchAggregate(MatchBindingState state, FunctionCall call, ExpressionContext context)
    {
        if (state.Navigation is not null || state.InAggregate)
        {
            throw Invalid(call.Span, "Aggregate function calls cannot be nested in a navigation or another aggregate in MATCH_RECOGNIZE");
        }

        if (call.Quantifier == SetQuantifier.Distinct)
        {
            throw NotSupported(call.Span, "DISTINCT aggregations are not supported in MATCH_RECOGNIZE (as in Flink)");
        }

        if (call.Filter is not null)
        {
            throw NotSupported(call.Filter.Span, "FILTER is not supported in MATCH_RECOGNIZE");
        }

        var function = ResolveFunction(call.Name);
        state.InAggregate = true;
        state.Referenced = [];
        try
        {
            List<BoundExpression> operands;
            int[] variables = [];
            if (call.Arguments is [StarExpression star])
            {
                if (!ReferenceEquals(function, BuiltInFunctions.Count))
                {
                    throw Invalid(star.Span, $"'*' is only allowed in COUNT(*), not in {function.Name}(*)");
                }

                if (star.Qualifier is { } qualifier)
                {
                    variables = state.VariablesOf(qualifier.Last);
                }

                operands = [];
            }
            else
            {
                operands = call.Arguments.Select(a => BindExpression(a, context with { InAggregateArgument = true })).ToList();
                variables = state.ReferencedVariables ?? [];
            }

            var resolved = ResolveCall(function, operands, call.Span);
            var aggregate = new Planning.AggregateCall(function, Enumerable.Range(0, resolved.Operands.Count).ToNodeList(), false, -1, resolved.Type,
                function.Name);
            return state.Slot(new MatchSlot(MatchSlotKind.Aggregate, variables.ToNodeList(), 0, resolved.Operands.ToNodeList(), aggregate,
                resolved.Type.Nullable()));
        }
        finally
        {
            state.InAggregate = false;
            state.Referenced = null;
        }
    }

    /// <summary><c>MATCH_ROWTIME([rowtime])</c>, <c>MATCH_PROCTIME()</c>, <c>CLASSIFIER()</c>: in MEASURES only.</summary>
    private BoundExpression BindMatchFunction(MatchBindingState state, FunctionCall call, string name, ExpressionContext context)
    {
        if (!state.InMeasures || state.Navigation is not null || state.InAggregate)
        {
            throw NotSupported(call.Span, $"{name}() is supported only in MEASURES of MATCH_RECOGNIZE, outside navigations and aggregates");
        }

        var allowed = name == "MATCH_ROWTIME" ? 1 : 0;
        if (call.Arguments.Count > allowed)
        {
            throw Invalid(call.Span, name == "MATCH_ROWTIME" ? "MATCH_ROWTIME takes no argument or the rowtime attribute" : $"{name} takes no arguments");
        }

        var time = state.Input[state.TimeColumn];
        switch (name)
        {
            case "MATCH_ROWTIME":
                if (time.TimeAttribute != TimeAttribute.RowTime)
                {
                    throw Invalid(call.Span, "MATCH_ROWTIME needs MATCH_RECOGNIZE ordered by a rowtime attribute");
                }

                if (call.Arguments.Count == 1 && (call.Arguments[0] is not IdentifierExpression argument
                    || argument.Name.Last.Value != time.Name || argument.Name.Parts.Count > 2))
                {
                    throw Invalid(call.Arguments[0].Span, $"The argument of MATCH_ROWTIME must be the rowtime attribute '{time.Name}'");
                }

                return state.Slot(new MatchSlot(MatchSlotKind.MatchRowtime, NodeList<int>.Empty, 0, NodeList<BoundExpression>.Empty, null, time.Type.NotNull()));
            case "MATCH_PROCTIME":
                return state.Slot(new MatchSlot(MatchSlotKind.MatchProctime, NodeList<int>.Empty, 0, NodeList<BoundExpression>.Empty, null,
                    DataTypes.TimestampLtz(3).NotNull()));
            default:
                _ = context;
                return state.Slot(new MatchSlot(MatchSlotKind.Classifier, NodeList<int>.Empty, 0, NodeList<BoundExpression>.Empty, null, DataTypes.String().NotNull()));
        }
    }

    /// <summary>What the binding of one MATCH_RECOGNIZE's conditions and measures has collected.</summary>
    private sealed class MatchBindingState(PlanSchema input, List<string> variables, Dictionary<string, int[]> subsets, int timeColumn)
    {
        private readonly Dictionary<MatchSlot, int> _slotIndex = [];

        public PlanSchema Input { get; } = input;

        public int TimeColumn { get; } = timeColumn;

        public List<MatchSlot> Slots { get; } = [];

        public bool InMeasures { get; set; }

        public bool InAggregate { get; set; }

        public (MatchSlotKind Kind, int Offset)? Navigation { get; set; }

        /// <summary>The variable sets referenced inside the current navigation or aggregate (each as its sorted indexes).</summary>
        public List<int[]>? Referenced { get; set; }

        /// <summary>The one variable set the current aggregate's arguments referenced, or null when none.</summary>
        public int[]? ReferencedVariables => Referenced is { Count: > 0 } referenced ? referenced[0] : null;

        /// <summary>The variables of a pattern variable or subset name.</summary>
        public int[] VariablesOf(Identifier name)
        {
            var index = variables.IndexOf(name.Value);
            if (index >= 0)
            {
                return [index];
            }

            return subsets.TryGetValue(name.Value, out var members)
                ? members
                : throw NotFound(name.Span, $"'{name.Value}' is not a pattern variable or SUBSET of this MATCH_RECOGNIZE");
        }

        /// <summary>Records a reference inside a navigation or aggregate, which must all be to one variable (set).</summary>
        public void Reference(int[] referenced, Syntax.SourceSpan span)
        {
            if (Referenced is not { } list)
            {
                return;
            }

            if (list.Count > 0 && !list[0].SequenceEqual(referenced))
            {
                throw Invalid(span, "A navigation or aggregate in MATCH_RECOGNIZE must reference columns of a single pattern variable");
            }

            list.Add(referenced);
        }

        /// <summary>The reference to <paramref name="slot"/> in the slot row, adding it when new.</summary>
        public BoundInputRef Slot(MatchSlot slot)
        {
            if (!_slotIndex.TryGetValue(slot, out var index))
            {
                index = Slots.Count;
                Slots.Add(slot);
                _slotIndex.Add(slot, index);
            }

            return new BoundInputRef(index, "$slot" + index.ToString(CultureInfo.InvariantCulture), slot.Type);
        }
    }
}
