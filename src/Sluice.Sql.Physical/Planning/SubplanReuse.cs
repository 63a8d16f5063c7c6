using System.Runtime.CompilerServices;
using Sluice.Sql.Binding;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// Finds the logical subtrees of a statement that compute the same stream, so that the physical planner translates
/// each once and every consumer reads the one result: Flink's source and sub-plan reuse. Two scans of one catalog
/// table (Nexmark's views <c>person</c>, <c>auction</c> and <c>bid</c> over one <c>nexmark</c> table) share one
/// source, so events are generated or read, decoded and given watermarks once; two identical aggregations (q5's
/// window counts per auction) share one operator and its state.
/// </summary>
/// <remarks>
/// <para><b>Equal subtrees.</b> Two nodes are equal when they are of the same kind, have equal schemas, equal defining
/// properties and equal inputs. Only scans, filters, projections, aggregations, window table functions, joins and
/// unions take part: their properties are values (expression records, lists of keys and calls), so equality is exact.
/// Scans are equal when they read the same catalog table object (a reference with <c>OPTIONS</c> hints reads another
/// object, with other options). A subtree with a non-deterministic call (<c>RAND()</c>, <c>UUID()</c>, a UDF that
/// says so) is never shared: two calls must stay two independent results.</para>
/// <para><b>Why it is exact.</b> A shared stream is the same sequence of batches and watermarks that each copy would
/// have produced on its own: the operators are deterministic functions of their input, and the copies would have read
/// the same source from the same position. Each consumer gets its own copy of every batch (the runtime's fan-out).</para>
/// <para>One instance serves one statement, or the statements of a statement set announced together
/// (<see cref="PhysicalPlanner.Prepare"/>): a scan's pushed-down reads grow with each statement collected, so a later
/// statement may read an earlier statement's source only when the reads of all of them were collected first.</para>
/// </remarks>
internal sealed class SubplanReuse : IEqualityComparer<LogicalPlan>
{
    private readonly Dictionary<LogicalPlan, LogicalPlan> _first;
    private readonly Dictionary<LogicalPlan, int> _hashes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<LogicalPlan, bool> _reusable = new(ReferenceEqualityComparer.Instance);

    private readonly bool _reuseSources;

    /// <summary>Creates an empty registry.</summary>
    /// <param name="reuseSources">
    /// False when scans must not be shared (<c>table.optimizer.reuse-source-enabled</c>); then nothing above a scan is
    /// shared either.
    /// </param>
    public SubplanReuse(bool reuseSources)
    {
        _reuseSources = reuseSources;
        _first = new Dictionary<LogicalPlan, LogicalPlan>(this);
    }

    /// <summary>
    /// The first node registered that is equal to <paramref name="node"/>, or null when there is none or the node cannot
    /// be shared.
    /// </summary>
    public LogicalPlan? Find(LogicalPlan node) =>
        IsReusable(node) && _first.TryGetValue(node, out var first) && !ReferenceEquals(first, node) ? first : null;

    /// <summary>Registers a translated node, if it can be shared, as the one its later equals reuse.</summary>
    public void Register(LogicalPlan node)
    {
        if (IsReusable(node))
        {
            _first.TryAdd(node, node);
        }
    }

    /// <summary>Forgets every registered node (a new statement begins).</summary>
    public void Clear() => _first.Clear();

    /// <inheritdoc />
    public bool Equals(LogicalPlan? x, LogicalPlan? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.GetType() != y.GetType() || GetHashCode(x) != GetHashCode(y) || !x.Schema.Equals(y.Schema))
        {
            return false;
        }

        var same = (x, y) switch
        {
            (TableScan a, TableScan b) => ReferenceEquals(a.Table, b.Table),
            (Filter a, Filter b) => a.Condition.Equals(b.Condition),
            (Project a, Project b) => a.Projections.Equals(b.Projections),
            (Aggregate a, Aggregate b) => a.GroupKeys.Equals(b.GroupKeys) && Equals(a.GroupingSets, b.GroupingSets) && a.Calls.Equals(b.Calls),
            (WindowTableFunction a, WindowTableFunction b) => a.Kind == b.Kind && a.TimeColumn == b.TimeColumn && a.Size == b.Size
                && a.Step == b.Step && a.Offset == b.Offset && a.PartitionKeys.Equals(b.PartitionKeys) && a.EmitOnlyOnUpdate == b.EmitOnlyOnUpdate,
            (Join a, Join b) => a.JoinType == b.JoinType && a.Condition.Equals(b.Condition),
            (Union a, Union b) => a.IsAll == b.IsAll,
            _ => false,
        };
        if (!same || x.Inputs.Count != y.Inputs.Count)
        {
            return false;
        }

        for (var i = 0; i < x.Inputs.Count; i++)
        {
            if (!Equals(x.Inputs[i], y.Inputs[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public int GetHashCode(LogicalPlan obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (_hashes.TryGetValue(obj, out var hash))
        {
            return hash;
        }

        var hashCode = new HashCode();
        hashCode.Add(obj.GetType());
        hashCode.Add(obj.Schema);
        hashCode.Add(obj is TableScan scan ? RuntimeHelpers.GetHashCode(scan.Table) : obj.Expressions.Count);
        foreach (var input in obj.Inputs)
        {
            hashCode.Add(GetHashCode(input));
        }

        hash = hashCode.ToHashCode();
        _hashes[obj] = hash;
        return hash;
    }

    /// <summary>True when <paramref name="node"/> and its whole subtree may be shared.</summary>
    private bool IsReusable(LogicalPlan node)
    {
        if (_reusable.TryGetValue(node, out var reusable))
        {
            return reusable;
        }

        reusable = (node is TableScan ? _reuseSources : node is Filter or Project or Aggregate or WindowTableFunction or Join or Union)
            && !node.Expressions.Any(e => e.Any(call => call is BoundCall { Function.IsDeterministic: false }))
            && (node is not Aggregate aggregate || aggregate.Calls.All(c => c.Function.IsDeterministic))
            && node.Inputs.All(IsReusable);
        _reusable[node] = reusable;
        return reusable;
    }
}
