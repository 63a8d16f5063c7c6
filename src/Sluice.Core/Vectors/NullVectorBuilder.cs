using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>Builds a <see cref="NullVector"/>: only nulls may be appended.</summary>
public sealed class NullVectorBuilder : ColumnVectorBuilder
{
    private int _count;

    /// <summary>Creates a builder for the <c>NULL</c> type.</summary>
    public NullVectorBuilder(DataType dataType, int capacity = 16)
        : base(dataType, capacity)
    {
        if (dataType.PhysicalType != PhysicalType.Null)
        {
            throw new ArgumentException($"A null vector cannot hold {dataType}.", nameof(dataType));
        }
    }

    /// <inheritdoc />
    public override int Count => _count;

    /// <inheritdoc />
    public override void AppendNull() => _count++;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The value is not null.</exception>
    public override void Append(object? value)
    {
        if (value is not null)
        {
            throw ValueConverter.Unsupported(DataType, value);
        }

        _count++;
    }

    /// <inheritdoc />
    public override ColumnVector Build()
    {
        var vector = new NullVector(DataType, _count);
        _count = 0;
        return vector;
    }

    private protected override void ReleaseBuffers() => _count = 0;
}
