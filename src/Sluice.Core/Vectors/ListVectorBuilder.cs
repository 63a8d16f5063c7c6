using System.Collections;
using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// Builds a <see cref="ListVector"/> (<c>ARRAY</c> or <c>MULTISET</c>): call <see cref="StartEntry"/>, then append
/// the entry's elements to <see cref="Elements"/>; the entry ends at the next <see cref="StartEntry"/>,
/// <see cref="AppendNull"/> or <see cref="Build"/>. See <see cref="ColumnVectorBuilder"/> for the lifecycle.
/// </summary>
public sealed class ListVectorBuilder : ColumnVectorBuilder
{
    private EntryOffsets _offsets;

    /// <summary>Creates a builder for <c>ARRAY</c> or <c>MULTISET</c> values.</summary>
    public ListVectorBuilder(DataType dataType, int capacity = 16)
        : base(dataType, capacity)
    {
        if (dataType.PhysicalType != PhysicalType.List)
        {
            throw new ArgumentException($"A list vector cannot hold {dataType}.", nameof(dataType));
        }

        Elements = Create(dataType.ElementType!, capacity);
    }

    /// <summary>The builder of the elements of all entries.</summary>
    public ColumnVectorBuilder Elements { get; }

    /// <inheritdoc />
    public override int Count => _offsets.Count;

    /// <summary>Starts a new (non-null) entry; append its elements to <see cref="Elements"/>.</summary>
    public void StartEntry()
    {
        _offsets.Start(Elements.Count);
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        MarkNull(_offsets.Count);
        StartEntry();
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        if (value is string || value is not IEnumerable elements)
        {
            throw ValueConverter.Unsupported(DataType, value);
        }

        StartEntry();
        foreach (var element in elements)
        {
            Elements.Append(element);
        }
    }

    /// <inheritdoc />
    public override ColumnVector Build()
    {
        var count = _offsets.Count;
        var offsets = _offsets.Take(Elements.Count);
        var elements = Elements.Build();
        var vector = new ListVector(DataType, offsets, elements, count, TakeNulls(count));
        return vector;
    }

    private protected override void ReleaseBuffers()
    {
        _offsets.Release();
        Elements.Dispose();
    }
}
