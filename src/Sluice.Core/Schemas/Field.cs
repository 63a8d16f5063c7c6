using System.Text;
using Sluice.Core.Types;

namespace Sluice.Core.Schemas;

/// <summary>
/// A named, typed field: a column of a <see cref="Schema"/> or a field of a <c>ROW</c> type. Immutable, compares
/// by value (names are case-sensitive, as in Flink). Thread-safe.
/// </summary>
public sealed class Field : IEquatable<Field>
{
    /// <summary>Creates a field.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public Field(string name, DataType dataType)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dataType);
        Name = name;
        DataType = dataType;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>The field type.</summary>
    public DataType DataType { get; }

    /// <summary>Equality operator (value equality).</summary>
    public static bool operator ==(Field? left, Field? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality operator (value equality).</summary>
    public static bool operator !=(Field? left, Field? right) => !(left == right);

    /// <summary>A copy with another type.</summary>
    public Field WithDataType(DataType dataType) => new(Name, dataType);

    /// <inheritdoc />
    public bool Equals(Field? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && DataType.Equals(other.DataType);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Field other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Name), DataType);

    /// <summary>The field in Flink's syntax: the quoted name and the type, for example <c>`a` INT</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    /// <summary>Appends <see cref="ToString"/> to <paramref name="builder"/>.</summary>
    public void AppendTo(StringBuilder builder)
    {
        AppendQuotedName(builder, Name);
        builder.Append(' ');
        DataType.AppendTo(builder);
    }

    /// <summary>Appends a name quoted with backticks, doubling backticks inside it.</summary>
    public static void AppendQuotedName(StringBuilder builder, string name)
    {
        builder.Append('`').Append(name.Replace("`", "``", StringComparison.Ordinal)).Append('`');
    }
}
