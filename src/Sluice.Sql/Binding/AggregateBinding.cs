using System.Globalization;
using Sluice.Core.Types;
using Sluice.Sql.Planning;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>
/// An aggregation while its <c>SELECT</c> is bound: the group keys, the projection computed below the
/// <see cref="Aggregate"/> node (keys first, then aggregate arguments and filters), and the aggregate calls found so
/// far. Expressions over the aggregation's output reference keys as columns <c>0..k-1</c> and calls as <c>k..</c>.
/// </summary>
internal sealed class AggregateBinding
{
    private readonly List<BoundExpression> _keys = [];
    private readonly List<BoundExpression> _projection = [];
    private readonly List<string> _projectionNames = [];
    private readonly List<AggregateCall> _calls = [];
    private NodeList<NodeList<int>>? _groupingSets;

    public AggregateBinding(LogicalPlan input, Scope fromScope)
    {
        Input = input;
        FromScope = fromScope;
    }

    /// <summary>The input of the aggregation (the <c>FROM</c> and <c>WHERE</c> result).</summary>
    public LogicalPlan Input { get; }

    /// <summary>The scope of the input row: aggregate arguments and keys are bound in it.</summary>
    public Scope FromScope { get; }

    /// <summary>The group key expressions over the input row.</summary>
    public IReadOnlyList<BoundExpression> Keys => _keys;

    /// <summary>The number of aggregate calls so far.</summary>
    public int CallCount => _calls.Count;

    /// <summary>True when the aggregation has no <c>GROUP BY</c> (one group over all rows).</summary>
    public bool IsGlobal => _keys.Count == 0 && _groupingSets is null;

    /// <summary>Sets the keys (over the input row) and the grouping sets (positions in the keys; null for one set of all keys).</summary>
    public void SetKeys(IReadOnlyList<BoundExpression> keys, NodeList<NodeList<int>>? groupingSets)
    {
        foreach (var key in keys)
        {
            _keys.Add(key);
            AddProjection(key);
        }

        _groupingSets = groupingSets;
    }

    /// <summary>The key position of <paramref name="expression"/> (over the input row), or -1.</summary>
    public int FindKey(BoundExpression expression) => _keys.IndexOf(expression);

    /// <summary>A reference to key <paramref name="position"/> in the aggregation's output.</summary>
    public BoundInputRef KeyReference(int position)
    {
        var key = _keys[position];
        var inEverySet = _groupingSets is null || _groupingSets.All(set => set.Contains(position));
        var type = inEverySet ? key.Type : key.Type.Nullable();
        return new BoundInputRef(position, _projectionNames[position], type);
    }

    /// <summary>The projection column of <paramref name="expression"/> (added when new).</summary>
    public int AddArgument(BoundExpression expression)
    {
        var index = _projection.IndexOf(expression);
        return index >= 0 ? index : AddProjection(expression);
    }

    /// <summary>
    /// Adds an aggregate call (or finds an equal one) and returns the reference to its output column.
    /// </summary>
    public BoundInputRef AddCall(AggregateCall call)
    {
        for (var i = 0; i < _calls.Count; i++)
        {
            var existing = _calls[i];
            if (ReferenceEquals(existing.Function, call.Function) && existing.Arguments.Equals(call.Arguments)
                && existing.IsDistinct == call.IsDistinct && existing.FilterArgument == call.FilterArgument && existing.IgnoreNulls == call.IgnoreNulls)
            {
                return new BoundInputRef(_keys.Count + i, existing.Name, existing.Type);
            }
        }

        var name = call.Name;
        var taken = _projectionNames.Take(_keys.Count).Concat(_calls.Select(c => c.Name)).ToHashSet(StringComparer.Ordinal);
        if (taken.Contains(name))
        {
            name = PlanSchema.Uniquify([.. taken, name])[^1];
        }

        _calls.Add(call with { Name = name });
        return new BoundInputRef(_keys.Count + _calls.Count - 1, name, call.Type);
    }

    /// <summary>A fresh name for an unnamed aggregate call.</summary>
    public string DefaultCallName() => "$f" + (_keys.Count + _calls.Count).ToString(CultureInfo.InvariantCulture);

    /// <summary>The grouping context of aggregate calls: the number of keys (0 for a global aggregation).</summary>
    public int GroupCount => _groupingSets is null ? _keys.Count : Math.Max(1, _keys.Count);

    /// <summary>Builds the projection and the <see cref="Aggregate"/> node.</summary>
    public Aggregate Build()
    {
        var project = new Project(Input, _projection, PlanSchema.Uniquify(_projectionNames));
        var keys = Enumerable.Range(0, _keys.Count).ToNodeList();
        return new Aggregate(project, keys, _groupingSets, _calls.ToNodeList());
    }

    /// <summary>The type of the aggregation's output column <paramref name="index"/>.</summary>
    public DataType OutputType(int index) => index < _keys.Count ? KeyReference(index).Type : _calls[index - _keys.Count].Type;

    /// <summary>
    /// The time attribute of output column <paramref name="index"/>: a key of a window aggregation keeps its input
    /// column's attribute; everything else is materialized.
    /// </summary>
    public Catalog.TimeAttribute TimeAttributeOfOutput(int index)
    {
        if (index >= _keys.Count || _keys[index] is not BoundInputRef reference)
        {
            return Catalog.TimeAttribute.None;
        }

        var windowed = _keys.OfType<BoundInputRef>().Any(k => Input.Schema[k.Index].Window == WindowProperty.WindowStart)
            && _keys.OfType<BoundInputRef>().Any(k => Input.Schema[k.Index].Window == WindowProperty.WindowEnd);
        return windowed ? Input.Schema[reference.Index].TimeAttribute : Catalog.TimeAttribute.None;
    }

    private int AddProjection(BoundExpression expression)
    {
        _projection.Add(expression);
        var name = expression is BoundInputRef reference && reference.Index < Input.Schema.Count
            ? Input.Schema[reference.Index].Name
            : "$f" + (_projection.Count - 1).ToString(CultureInfo.InvariantCulture);
        _projectionNames.Add(name);
        return _projection.Count - 1;
    }
}
