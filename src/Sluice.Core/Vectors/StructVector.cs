using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// A vector of <c>ROW</c> values: one child vector per field, each of the same length. A null row still has a
/// slot (usually null) in every child. The vector owns its children. See <see cref="ColumnVector"/> for
/// ownership and threading.
/// </summary>
public sealed class StructVector : ColumnVector
{
    private ColumnVector[] _children;

    internal StructVector(DataType dataType, ColumnVector[] children, int length, ulong[]? nulls)
        : base(dataType, length, nulls)
    {
        if (dataType.PhysicalType != PhysicalType.Struct || children.Length != dataType.Fields.Count)
        {
            throw new ArgumentException($"A struct vector of {children.Length} children cannot hold {dataType}.", nameof(dataType));
        }

        foreach (var child in children)
        {
            if (child.Length != length)
            {
                throw new ArgumentException("Every child of a struct vector must have the struct's length.", nameof(children));
            }
        }

        _children = children;
    }

    /// <summary>The number of children (fields).</summary>
    public int ChildCount => _children.Length;

    /// <summary>The child vector of field <paramref name="index"/> (owned by this vector).</summary>
    public ColumnVector Child(int index) => _children[index];

    /// <inheritdoc />
    private protected override long ValueBytes => _children.Sum(c => c.SizeInBytes);

    private protected override object GetValueCore(int index)
    {
        var values = new object?[_children.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _children[i].GetValue(index);
        }

        return values;
    }

    private protected override ColumnVector GatherCore(ReadOnlySpan<int> rows)
    {
        var children = new ColumnVector[_children.Length];
        var done = 0;
        try
        {
            for (; done < children.Length; done++)
            {
                children[done] = _children[done].Gather(rows);
            }

            return new StructVector(DataType, children, rows.Length, GatherNulls(rows));
        }
        catch
        {
            for (var i = 0; i < done; i++)
            {
                children[i].Dispose();
            }

            throw;
        }
    }

    /// <summary>A new ROW vector of <paramref name="type"/> over each child relabelled with its field's type.</summary>
    internal StructVector WithFieldTypes(DataType type, ulong[]? nulls)
    {
        var children = new ColumnVector[_children.Length];
        var done = 0;
        try
        {
            for (; done < children.Length; done++)
            {
                children[done] = _children[done].WithType(type.Fields[done].DataType);
            }

            return new StructVector(type, children, Length, nulls);
        }
        catch
        {
            for (var i = 0; i < done; i++)
            {
                children[i].Dispose();
            }

            if (nulls is not null)
            {
                Batches.BufferPool.Return(nulls);
            }

            throw;
        }
    }

    private protected override ColumnVector ShareValues(DataType type, ulong[]? nulls) => new StructVector(type, _children, Length, nulls);

    private protected override void ReleaseBuffers()
    {
        foreach (var child in _children)
        {
            child.Dispose();
        }

        _children = [];
    }
}
