using System.Collections;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// Builds a <see cref="StructVector"/> (<c>ROW</c>): call <see cref="AppendRow"/> and append exactly one value
/// (or null) to each <see cref="Child"/>; <see cref="AppendNull"/> appends a null to every child itself.
/// See <see cref="ColumnVectorBuilder"/> for the lifecycle.
/// </summary>
/// <remarks>
/// The children's nulls for null rows are appended lazily, as one run per child, when the next row starts, a child is
/// asked for, or the vector is built: a run of null rows (the two absent ROW columns of every Nexmark event) costs one
/// call per child instead of one per child and row.
/// </remarks>
public sealed class StructVectorBuilder : ColumnVectorBuilder
{
    private readonly ColumnVectorBuilder[] _children;
    private int _count;
    private int _pendingNulls;

    /// <summary>Creates a builder for <c>ROW</c> values.</summary>
    public StructVectorBuilder(DataType dataType, int capacity = 16)
        : base(dataType, capacity)
    {
        if (dataType.PhysicalType != PhysicalType.Struct)
        {
            throw new ArgumentException($"A struct vector cannot hold {dataType}.", nameof(dataType));
        }

        _children = new ColumnVectorBuilder[dataType.Fields.Count];
        for (var i = 0; i < _children.Length; i++)
        {
            _children[i] = Create(dataType.Fields[i].DataType, capacity);
        }
    }

    /// <summary>The number of children (fields).</summary>
    public int ChildCount => _children.Length;

    /// <inheritdoc />
    public override int Count => _count;

    /// <summary>The builder of field <paramref name="index"/>.</summary>
    public ColumnVectorBuilder Child(int index)
    {
        PadChildren();
        return _children[index];
    }

    /// <summary>Starts a non-null row; append one value to each child.</summary>
    public void AppendRow()
    {
        if (_pendingNulls != 0)
        {
            PadChildren();
        }

        _count++;
    }

    /// <summary>
    /// Starts <paramref name="count"/> non-null rows at once; append <paramref name="count"/> values to each child (for
    /// writers that fill a run of rows column by column).
    /// </summary>
    public void AppendRows(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_pendingNulls != 0)
        {
            PadChildren();
        }

        _count += count;
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        MarkNull(_count);
        _count++;
        _pendingNulls++;
    }

    /// <inheritdoc />
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        MarkNulls(_count, count);
        _count += count;
        _pendingNulls += count;
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        if (value is not IList fields || fields.Count != _children.Length)
        {
            throw ValueConverter.Unsupported(DataType, value);
        }

        AppendRow();
        for (var i = 0; i < _children.Length; i++)
        {
            _children[i].Append(fields[i]);
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A child does not have one value per row.</exception>
    public override ColumnVector Build()
    {
        PadChildren();
        foreach (var child in _children)
        {
            if (child.Count != _count)
            {
                throw new InvalidOperationException(
                    $"Every field of a ROW needs one value per row: {_count} rows, but a field has {child.Count} values.");
            }
        }

        var vectors = new ColumnVector[_children.Length];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = _children[i].Build();
        }

        var vector = new StructVector(DataType, vectors, _count, TakeNulls(_count));
        _count = 0;
        return vector;
    }

    private protected override void ReleaseBuffers()
    {
        _count = 0;
        _pendingNulls = 0;
        foreach (var child in _children)
        {
            child.Dispose();
        }
    }

    /// <summary>Appends the pending null rows' nulls to every child.</summary>
    private void PadChildren()
    {
        var pending = _pendingNulls;
        if (pending == 0)
        {
            return;
        }

        _pendingNulls = 0;
        foreach (var child in _children)
        {
            child.AppendNulls(pending);
        }
    }
}
