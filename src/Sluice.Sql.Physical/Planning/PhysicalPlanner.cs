using System.Text;
using System.Threading.Channels;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Physical.Operators.SetOps;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// Translates optimized logical plans into one runtime <see cref="JobGraph"/>: every node becomes an operator
/// vertex (forward edges between equal parallelisms are chained by the runtime), keyed operators get hash edges by
/// their key columns, and every stream carries its changelog mode, inferred bottom-up, so a sink that cannot take
/// updates is rejected while planning.
/// </summary>
/// <remarks>
/// <para>Use one planner per job: <see cref="AddInsert"/> and <see cref="AddQuery"/> add statements (a statement
/// set is several inserts), <see cref="Build"/> returns the graph. Vertex ids are derived from the translation order,
/// so the same statements give the same ids (savepoints of one script fit its next run).</para>
/// <para>One translator per node kind lives in its own partial file (<c>PhysicalPlanner.Scan.cs</c>, ...).</para>
/// </remarks>
public sealed partial class PhysicalPlanner
{
    private readonly PhysicalPlannerOptions _options;
    private readonly ICatalog _catalog;
    private readonly JobGraph _graph;
    private readonly Dictionary<LogicalPlan, PhysicalStream> _translated = new(ReferenceEqualityComparer.Instance);

    /// <summary>The plan node being translated (its operators' build errors point at its constructs), or null.</summary>
    private LogicalPlan? _translating;
    private readonly ScanReads _scanReads = new();
    private readonly SubplanReuse _reuse;
    private readonly Dictionary<TableScan, string> _pushedReads = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<LogicalPlan, LogicalPlan> _reusedFrom = new(ReferenceEqualityComparer.Instance);
    private readonly StringBuilder _explain = new();
    private readonly HashSet<LogicalPlan> _prepared = new(ReferenceEqualityComparer.Instance);
    private int _nextId;
    private bool _bounded = true;

    /// <summary>Creates a planner of one job.</summary>
    /// <param name="jobName">The job's name.</param>
    /// <param name="catalog">The catalog the plans were bound against (computed columns are bound again here).</param>
    /// <param name="options">Connectors, parallelism, time zone, state TTL.</param>
    public PhysicalPlanner(string jobName, ICatalog catalog, PhysicalPlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _options = options;
        _graph = new JobGraph(jobName);
        _reuse = new SubplanReuse(options.ReuseSources);
    }

    /// <summary>True when every source added so far is bounded.</summary>
    public bool IsBounded => _bounded;

    /// <summary>The plans added so far with each node's changelog mode, as <c>EXPLAIN</c> shows them.</summary>
    public string Explain => _explain.ToString();

    /// <summary>The job graph of the statements added.</summary>
    /// <exception cref="JobException">No statement was added.</exception>
    public JobGraph Build()
    {
        if (_graph.Vertices.Count == 0)
        {
            throw new JobException("The job has no statements.");
        }

        return _graph;
    }

    /// <summary>
    /// Announces the statements of a statement set before they are added, so that they share what they have in common
    /// (Flink reuses sources and sub-plans across the <c>INSERT</c>s of a statement set): each scan reads what all of
    /// them read of its table, and a subtree equal to one of an earlier statement of the set reuses its stream, so
    /// one source feeds every statement that reads its table.
    /// </summary>
    /// <remarks>
    /// Without it each added statement is planned on its own: a scan's pushed-down reads grow with each statement, so
    /// a later statement could not read an earlier statement's source.
    /// </remarks>
    public void Prepare(IReadOnlyList<LogicalPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        foreach (var plan in plans)
        {
            if (_prepared.Add(plan))
            {
                _scanReads.Collect(plan);
            }
        }
    }

    /// <summary>Adds an <c>INSERT</c>: <paramref name="plan"/> must be a <see cref="Sink"/> node.</summary>
    /// <exception cref="SluiceException">A connector or operator cannot be built, or the sink cannot take the stream.</exception>
    public void AddInsert(LogicalPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan is not Sink sink)
        {
            throw new ArgumentException("An INSERT plan has a Sink node at its root.", nameof(plan));
        }

        BeginStatement(plan);
        TranslateSink(sink);
        AppendExplain(plan, 0);
    }

    /// <summary>
    /// Adds a query whose changelog goes to <paramref name="results"/>; returns the result schema (the query's
    /// columns and types).
    /// </summary>
    public Schema AddQuery(LogicalPlan plan, ChannelWriter<RecordBatch> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        BeginStatement(plan);
        var input = Translate(plan);
        var schema = new Schema(plan.Schema.Select(c => new Field(c.Name, c.Type)));
        var vertex = AddVertex("collect", 1, () => new ResultCollectOperator(schema, results));
        Connect(input, vertex);
        AppendExplain(plan, 0);
        return schema;
    }

    /// <summary>
    /// Collects what a statement reads of its scans; a statement announced by <see cref="Prepare"/> shares the
    /// registered subtrees of the set's earlier statements, any other begins with none.
    /// </summary>
    private void BeginStatement(LogicalPlan plan)
    {
        if (!_prepared.Contains(plan))
        {
            _scanReads.Collect(plan);
            _reuse.Clear();
        }
    }

    /// <summary>
    /// Translates a node (once: shared subtrees, and subtrees equal to one already translated in this statement, are
    /// translated once and their stream reused; see <see cref="SubplanReuse"/>).
    /// </summary>
    internal PhysicalStream Translate(LogicalPlan node)
    {
        if (_translated.TryGetValue(node, out var done))
        {
            return done;
        }

        if (_options.ReuseSubplans && _reuse.Find(node) is { } equal && SamePartitionFilter(node, equal) && _translated.TryGetValue(equal, out done))
        {
            _translated[node] = done;
            _reusedFrom[node] = equal;
            return done;
        }

        var outer = _translating;
        _translating = node;
        PhysicalStream stream;
        try
        {
            stream = node switch
            {
                TableScan scan => TranslateScan(scan),
                Filter filter => TranslateFilter(filter),
                Project project => TranslateProject(project),
                Values values => TranslateValues(values),
                Union union => TranslateUnion(union),
                Join join => TranslateJoin(join),
                _ => TranslateMore(node),
            };
        }
        finally
        {
            _translating = outer;
        }

        _translated[node] = stream;
        _reuse.Register(node);
        return stream;
    }

    private PhysicalStream TranslateMore(LogicalPlan node) => node switch
    {
        Aggregate aggregate => TranslateAggregate(aggregate),
        Rank rank => TranslateRank(rank),
        TemporalJoin temporal => TranslateTemporalJoin(temporal),
        Intersect intersect => TranslateSetOperation(intersect, intersect.IsAll ? SetOperationKind.IntersectAll : SetOperationKind.Intersect),
        Except except => TranslateSetOperation(except, except.IsAll ? SetOperationKind.ExceptAll : SetOperationKind.Except),
        Sort or Limit => TranslateSortLimit(node),
        Correlate correlate => TranslateCorrelate(correlate),
        WindowTableFunction window => TranslateWindowTableFunction(window),
        OverWindow over => TranslateOverWindow(over),
        MatchRecognize match => TranslateMatchRecognize(match),
        TableFunctionScan scan => TranslateStandaloneTableFunction(scan),
        Unnest unnest => TranslateStandaloneUnnest(unnest),
        DeduplicateKeepFirst keep => TranslateDeduplicateKeepFirst(keep),
        ToChangelog changelog => TranslateToChangelog(changelog),
        _ => throw NotSupported($"{node.NodeName} is not supported in execution yet"),
    };

    /// <summary>Adds a vertex with a stable id; an operator that cannot be built fails here (<see cref="ValidateOperator"/>).</summary>
    internal JobVertex AddVertex(string name, int parallelism, Func<StreamOperator> factory, bool isSource = false)
    {
        var id = $"{_nextId++:D3}-{name}";
        if (!isSource)
        {
            ValidateOperator(name, factory, _translating);
        }

        return isSource ? _graph.AddSource(id, name, parallelism, factory) : _graph.AddOperator(id, name, parallelism, factory);
    }

    /// <summary>
    /// Connects <paramref name="input"/> to <paramref name="target"/>: by hash of <paramref name="hashKeys"/> when
    /// given (keyed operators), else forward when the parallelisms are equal, else round-robin.
    /// </summary>
    internal void Connect(PhysicalStream input, JobVertex target, int[]? hashKeys = null, int targetInput = 0)
    {
        if (hashKeys is not null && target.Parallelism > 1)
        {
            _graph.Connect(input.Vertex, target, PartitionerKind.Hash, new RecordBatchKeySelector(hashKeys), targetInput);
        }
        else if (input.Parallelism == target.Parallelism)
        {
            _graph.Connect(input.Vertex, target, PartitionerKind.Forward, targetInput: targetInput);
        }
        else
        {
            _graph.Connect(input.Vertex, target, PartitionerKind.Rebalance, targetInput: targetInput);
        }
    }

    /// <summary>The parallelism of operators that can run in parallel.</summary>
    internal int Parallelism => _options.Parallelism;

    /// <summary>The parallelism of a keyed operator: 1 without keys (a global aggregate), else the default.</summary>
    internal int KeyedParallelism(int keyCount) => keyCount == 0 ? 1 : _options.Parallelism;

    /// <summary>The physical schema of a plan node's rows (its row-time column marked).</summary>
    internal static Schema SchemaOf(LogicalPlan node) => node.Schema.ToSchema();

    /// <summary>A user error: something the plan uses that execution does not support.</summary>
    internal static SluiceException NotSupported(string what) => new($"{what}.", ErrorDomain.User);

    private void AppendExplain(LogicalPlan node, int depth)
    {
        if (TryAppendTwoPhaseExplain(node, depth))
        {
            return;
        }

        _explain.Append(' ', depth * 2).Append(node.ExplainNode(PlanSchema.Empty));
        if (_translated.TryGetValue(node, out var stream))
        {
            _explain.Append(", changelogMode=").Append(stream.Mode);
        }

        if (_reusedFrom.TryGetValue(node, out var original))
        {
            // Translated as an equal subtree translated before it: one stream feeds both places.
            _explain.Append(", reused");
            node = original;
        }

        AppendSinkExplain(node);
        AppendPartitionExplain(node);
        AppendJoinCleanupExplain(node);
        if (node is TableScan scan && _pushedReads.TryGetValue(scan, out var reads))
        {
            _explain.Append(", reads=[").Append(reads).Append(']');
        }

        _explain.Append('\n');
        foreach (var input in node.Inputs)
        {
            AppendExplain(input, depth + 1);
        }
    }

    private void MarkUnbounded() => _bounded = false;
}
