using Sluice.Core.Types;

namespace Sluice.Sql.Binding;

/// <summary>
/// A constant of a type (Calcite's <c>RexLiteral</c>). Values by type: <see cref="bool"/>; <see cref="sbyte"/>,
/// <see cref="short"/>, <see cref="int"/>, <see cref="long"/>; <see cref="decimal"/>; <see cref="float"/>,
/// <see cref="double"/>; <see cref="string"/> for character strings; <see cref="T:byte[]"/> for binary strings;
/// <see cref="DateOnly"/>, <see cref="TimeOnly"/>, <see cref="DateTime"/> (timestamps of precision 0..6, both kinds;
/// at precision 7..9 a <see cref="long"/>: nanoseconds since 1970-01-01 of the wall clock, see <see cref="TimestampUnit"/>);
/// <see cref="int"/> months for year-month intervals and <see cref="TimeSpan"/> for day-time intervals; null for
/// <c>NULL</c>.
/// </summary>
/// <param name="Value">The value, or null.</param>
/// <param name="Type">The type; nullable only for a null value.</param>
public sealed record BoundLiteral(object? Value, DataType Type) : BoundExpression
{
    /// <inheritdoc />
    public override DataType Type { get; } = Type;

    /// <summary>True for a <c>NULL</c> literal (of any type).</summary>
    public bool IsNull => Value is null;

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Children => [];

    /// <summary><c>TRUE</c>.</summary>
    public static BoundLiteral True { get; } = new(true, DataTypes.Boolean().NotNull());

    /// <summary><c>FALSE</c>.</summary>
    public static BoundLiteral False { get; } = new(false, DataTypes.Boolean().NotNull());

    /// <summary>A <c>NULL</c> of <paramref name="type"/> (made nullable).</summary>
    public static BoundLiteral Null(DataType type) => new(null, type.Nullable());

    /// <inheritdoc />
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this;

    /// <inheritdoc />
    public bool Equals(BoundLiteral? other)
    {
        if (other is null)
        {
            return false;
        }

        if (!Type.Equals(other.Type))
        {
            return false;
        }

        return Value is byte[] bytes && other.Value is byte[] otherBytes
            ? bytes.AsSpan().SequenceEqual(otherBytes)
            : Equals(Value, other.Value);
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Value is byte[] bytes ? bytes.Length : Value?.GetHashCode() ?? 0);
}
