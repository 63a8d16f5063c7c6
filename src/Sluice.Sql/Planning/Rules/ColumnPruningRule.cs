using Sluice.Sql.Ast;
using Sluice.Sql.Binding;

namespace Sluice.Sql.Planning.Rules;

/// <summary>
/// Projection pushdown (Calcite's field trimming, DataFusion's <c>optimize_projections</c>): inserts narrowing
/// projections below joins, ranks, aggregations and over windows so that columns nothing above reads are not
/// carried through their state, and drops unused columns of projections. Filters pass the columns they need down
/// to their input. Runs on the whole plan; the root keeps its schema.
/// </summary>
/// <remarks>
/// Only plain column references are inserted, so time attributes and window properties survive. Nodes the rule
/// does not know (scans, unions, sinks, correlates, temporal joins, window table functions) keep all their
/// columns, and the rule does not descend into the right input of a <see cref="Correlate"/>, whose leaves read
/// the correlated row.
/// </remarks>
public sealed class ColumnPruningRule : IPlanRule
{
    /// <inheritdoc />
    public string Name => "ColumnPruning";

    /// <inheritdoc />
    public ApplyOrder? Order => null;

    /// <inheritdoc />
    public Transformed<LogicalPlan> Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pruner = new Pruner();
        var (result, _) = pruner.Prune(plan, null);
        return pruner.Changed ? Transformed.Yes(result) : Transformed.No(plan);
    }

    /// <summary>One pass over a plan, recording whether anything was narrowed.</summary>
    private sealed class Pruner
    {
        /// <summary>Whether some node was rebuilt narrower.</summary>
        public bool Changed { get; private set; }

        /// <summary>
        /// Rewrites <paramref name="node"/> so it outputs at least the <paramref name="required"/> columns (all when
        /// null); returns the new node and, per old output column, its new position (-1 when dropped).
        /// </summary>
        public (LogicalPlan Node, int[] Map) Prune(LogicalPlan node, bool[]? required) => node switch
        {
            Project project => PruneProject(project, required),
            Filter filter => PruneFilter(filter, required),
            Join join => PruneJoin(join, required),
            Rank rank => PruneRank(rank, required),
            Aggregate aggregate => PruneAggregate(aggregate),
            OverWindow over => PruneOver(over, required),
            _ => PruneOther(node),
        };

        private (LogicalPlan Node, int[] Map) PruneProject(Project project, bool[]? required)
        {
            var keep = Enumerable.Range(0, project.Projections.Count).Where(i => required is null || required[i]).ToList();
            if (keep.Count == 0 && project.Projections.Count > 0)
            {
                keep.Add(0);
            }

            var needs = new bool[project.Input.Schema.Count];
            foreach (var i in keep)
            {
                Mark(needs, project.Projections[i]);
            }

            var (input, inputMap) = Prune(project.Input, needs);
            var map = Dropped(project.Projections.Count);
            for (var i = 0; i < keep.Count; i++)
            {
                map[keep[i]] = i;
            }

            if (keep.Count == project.Projections.Count && ReferenceEquals(input, project.Input))
            {
                return (project, map);
            }

            Changed = true;
            var expressions = keep.Select(i => Remap(project.Projections[i], inputMap));
            var names = keep.Select(i => project.Schema[i].Name);
            return (new Project(input, expressions, names), map);
        }

        private (LogicalPlan Node, int[] Map) PruneFilter(Filter filter, bool[]? required)
        {
            var needs = required is null ? All(filter.Schema.Count) : (bool[])required.Clone();
            Mark(needs, filter.Condition);
            var (input, map) = Prune(filter.Input, needs);
            return ReferenceEquals(input, filter.Input) ? (filter, map) : (new Filter(input, Remap(filter.Condition, map)), map);
        }

        private (LogicalPlan Node, int[] Map) PruneJoin(Join join, bool[]? required)
        {
            var leftWidth = join.Left.Schema.Count;
            var rightWidth = join.Right.Schema.Count;
            var outputsRight = join.JoinType is not (JoinType.Semi or JoinType.Anti);
            var needs = new bool[leftWidth + rightWidth];
            for (var i = 0; i < needs.Length; i++)
            {
                needs[i] = required is null || (i < leftWidth ? required[i] : outputsRight && required[i]);
            }

            Mark(needs, join.Condition);
            var (left, leftMap) = Narrow(join.Left, needs[..leftWidth]);
            var (right, rightMap) = Narrow(join.Right, needs[leftWidth..]);
            var newLeftWidth = left.Schema.Count;
            var rowMap = leftMap.Concat(rightMap.Select(i => i < 0 ? -1 : i + newLeftWidth)).ToArray();
            var map = outputsRight ? rowMap : leftMap;
            if (ReferenceEquals(left, join.Left) && ReferenceEquals(right, join.Right))
            {
                return (join, map);
            }

            return (new Join(left, right, join.JoinType, Remap(join.Condition, rowMap)), map);
        }

        private (LogicalPlan Node, int[] Map) PruneRank(Rank rank, bool[]? required)
        {
            var width = rank.Input.Schema.Count;
            var needs = required is null ? All(width) : required[..width];
            foreach (var key in rank.PartitionKeys)
            {
                needs[key] = true;
            }

            foreach (var key in rank.OrderKeys)
            {
                Mark(needs, key.Expression);
            }

            var (input, inputMap) = Narrow(rank.Input, needs);
            var map = rank.OutputRankNumber ? [.. inputMap, input.Schema.Count] : inputMap;
            if (ReferenceEquals(input, rank.Input))
            {
                return (rank, map);
            }

            var partition = rank.PartitionKeys.Select(k => inputMap[k]).ToNodeList();
            var order = rank.OrderKeys.Select(k => k with { Expression = Remap(k.Expression, inputMap) }).ToNodeList();
            return (new Rank(input, partition, order, rank.Function, rank.RankStart, rank.RankEnd, rank.RankName, rank.OutputRankNumber), map);
        }

        private (LogicalPlan Node, int[] Map) PruneAggregate(Aggregate aggregate)
        {
            var needs = new bool[aggregate.Input.Schema.Count];
            foreach (var key in aggregate.GroupKeys)
            {
                needs[key] = true;
            }

            foreach (var call in aggregate.Calls)
            {
                foreach (var argument in call.Arguments)
                {
                    needs[argument] = true;
                }

                if (call.FilterArgument >= 0)
                {
                    needs[call.FilterArgument] = true;
                }
            }

            var (input, inputMap) = Narrow(aggregate.Input, needs);
            var map = Identity(aggregate.Schema.Count);
            if (ReferenceEquals(input, aggregate.Input))
            {
                return (aggregate, map);
            }

            var keys = aggregate.GroupKeys.Select(k => inputMap[k]).ToNodeList();
            var calls = aggregate.Calls.Select(c => c with
            {
                Arguments = c.Arguments.Select(a => inputMap[a]).ToNodeList(),
                FilterArgument = c.FilterArgument >= 0 ? inputMap[c.FilterArgument] : c.FilterArgument,
            }).ToNodeList();
            return (new Aggregate(input, keys, aggregate.GroupingSets, calls), map);
        }

        private (LogicalPlan Node, int[] Map) PruneOver(OverWindow over, bool[]? required)
        {
            var width = over.Input.Schema.Count;
            var needs = required is null ? All(width) : required[..width];
            foreach (var expression in over.Expressions)
            {
                Mark(needs, expression);
            }

            var (input, inputMap) = Narrow(over.Input, needs);
            var newWidth = input.Schema.Count;
            var map = inputMap.Concat(Enumerable.Range(0, over.Calls.Count).Select(i => newWidth + i)).ToArray();
            if (ReferenceEquals(input, over.Input))
            {
                return (over, map);
            }

            var rebuilt = new OverWindow(input, over.Window, over.Calls);
            return (rebuilt.WithExpressions([.. over.Expressions.Select(e => Remap(e, inputMap))]), map);
        }

        private (LogicalPlan Node, int[] Map) PruneOther(LogicalPlan node)
        {
            var inputs = node.Inputs;
            var rewritten = new LogicalPlan[inputs.Count];
            var changed = false;
            for (var i = 0; i < inputs.Count; i++)
            {
                if (node is Correlate && i > 0)
                {
                    rewritten[i] = inputs[i];
                    continue;
                }

                rewritten[i] = Prune(inputs[i], null).Node;
                changed |= !ReferenceEquals(rewritten[i], inputs[i]);
            }

            return (changed ? node.WithInputs(rewritten) : node, Identity(node.Schema.Count));
        }

        /// <summary>
        /// Prunes <paramref name="node"/> and, if it still outputs columns that are not needed, puts a projection of
        /// the needed ones on top.
        /// </summary>
        private (LogicalPlan Node, int[] Map) Narrow(LogicalPlan node, bool[] needs)
        {
            if (!needs.Contains(true) && needs.Length > 0)
            {
                needs = (bool[])needs.Clone();
                needs[0] = true;
            }

            var (pruned, map) = Prune(node, needs);
            var keep = Enumerable.Range(0, needs.Length).Where(i => needs[i]).ToList();
            if (keep.Count == pruned.Schema.Count)
            {
                return (pruned, map);
            }

            Changed = true;
            var narrowed = new Project(
                pruned,
                keep.Select(i => (BoundExpression)new BoundInputRef(map[i], pruned.Schema[map[i]].Name, pruned.Schema[map[i]].Type)),
                keep.Select(i => pruned.Schema[map[i]].Name));
            var result = Dropped(needs.Length);
            for (var i = 0; i < keep.Count; i++)
            {
                result[keep[i]] = i;
            }

            return (narrowed, result);
        }

        private static void Mark(bool[] needs, BoundExpression expression)
        {
            foreach (var column in Conditions.Columns(expression))
            {
                if (column >= 0 && column < needs.Length)
                {
                    needs[column] = true;
                }
            }
        }

        private static BoundExpression Remap(BoundExpression expression, int[] map) =>
            expression.Transform(e => e is BoundInputRef r && r.Index >= 0 && r.Index < map.Length ? r with { Index = map[r.Index] } : e);

        private static bool[] All(int count) => Enumerable.Repeat(true, count).ToArray();

        private static int[] Identity(int count) => Enumerable.Range(0, count).ToArray();

        private static int[] Dropped(int count) => Enumerable.Repeat(-1, count).ToArray();
    }
}
