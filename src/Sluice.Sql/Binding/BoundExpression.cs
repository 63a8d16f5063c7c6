using Sluice.Core.Types;

namespace Sluice.Sql.Binding;

/// <summary>
/// A resolved expression with a type, like Calcite's <c>RexNode</c>: input references are column indexes, calls
/// name their function definition, and every node knows its result type. Immutable records that compare by value.
/// </summary>
/// <remarks>
/// Input references index the row the expression is evaluated on: a node's input, or for a join condition the
/// left row followed by the right row. <see cref="BoundOverCall"/> and <see cref="BoundOuterRef"/> exist only while
/// the binder works; a finished plan contains neither.
/// </remarks>
public abstract record BoundExpression
{
    /// <summary>The result type.</summary>
    public abstract DataType Type { get; }

    /// <summary>The direct sub-expressions, in order.</summary>
    public abstract IReadOnlyList<BoundExpression> Children { get; }

    /// <summary>A copy with other sub-expressions (as many as <see cref="Children"/>, of the same types).</summary>
    public abstract BoundExpression WithChildren(IReadOnlyList<BoundExpression> children);

    /// <summary>
    /// Rewrites the tree bottom-up: children first, then <paramref name="rewrite"/> on the node with its new
    /// children. Returns this instance when nothing changed.
    /// </summary>
    public BoundExpression Transform(Func<BoundExpression, BoundExpression> rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        var children = Children;
        BoundExpression current = this;
        if (children.Count > 0)
        {
            BoundExpression[]? changed = null;
            for (var i = 0; i < children.Count; i++)
            {
                var child = children[i].Transform(rewrite);
                if (!ReferenceEquals(child, children[i]))
                {
                    changed ??= children.ToArray();
                    changed[i] = child;
                }
            }

            if (changed is not null)
            {
                current = WithChildren(changed);
            }
        }

        return rewrite(current);
    }

    /// <summary>True when this node or any node below it satisfies <paramref name="predicate"/>.</summary>
    public bool Any(Func<BoundExpression, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (predicate(this))
        {
            return true;
        }

        foreach (var child in Children)
        {
            if (child.Any(predicate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every node of the tree, this one first (pre-order).</summary>
    public IEnumerable<BoundExpression> Descendants()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.Descendants())
            {
                yield return node;
            }
        }
    }

    /// <summary>The indexes of the input columns the expression reads, ascending and distinct.</summary>
    public IReadOnlyList<int> InputIndexes() =>
        Descendants().OfType<BoundInputRef>().Select(r => r.Index).Distinct().Order().ToArray();

    /// <summary>The expression as text, input columns written as <c>$index</c>.</summary>
    public sealed override string ToString() => BoundExpressionFormatter.Format(this, null);
}
