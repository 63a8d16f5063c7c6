using System.Collections.ObjectModel;
using System.Text;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;

namespace Sluice.Core.Types;

/// <summary>
/// A logical SQL type as in Flink SQL: a <see cref="TypeId"/>, nullability, and the parameters that apply to
/// the root (precision, scale, length, element/key/value types, row fields). Create instances with
/// <see cref="DataTypes"/>.
/// </summary>
/// <remarks>
/// <para>Instances are immutable and compare by value; nullability is part of the value
/// (<c>INT</c> ≠ <c>INT NOT NULL</c>), as in Flink. Thread-safe.</para>
/// <para>The binary encoding (<see cref="WriteTo"/>) is persisted in schema fingerprints and snapshots:
/// changing it breaks every existing savepoint.</para>
/// </remarks>
public sealed class DataType : IEquatable<DataType>
{
    private const byte EncodingNullableFlag = 1;
    private static readonly ReadOnlyCollection<Field> NoFields = new([]);

    private readonly int _hashCode;

    private DataType(TypeId typeId, bool isNullable, int precision, int scale, int length,
        DataType? elementType, DataType? keyType, DataType? valueType, ReadOnlyCollection<Field>? fields)
    {
        TypeId = typeId;
        IsNullable = isNullable;
        Precision = precision;
        Scale = scale;
        Length = length;
        ElementType = elementType;
        KeyType = keyType;
        ValueType = valueType;
        Fields = fields ?? NoFields;
        PhysicalType = ComputePhysicalType(typeId, precision);

        var hash = new HashCode();
        hash.Add(typeId);
        hash.Add(isNullable);
        hash.Add(precision);
        hash.Add(scale);
        hash.Add(length);
        hash.Add(elementType);
        hash.Add(keyType);
        hash.Add(valueType);
        foreach (var field in Fields)
        {
            hash.Add(field);
        }

        _hashCode = hash.ToHashCode();
    }

    /// <summary>The root of the type.</summary>
    public TypeId TypeId { get; }

    /// <summary>True when values may be null.</summary>
    public bool IsNullable { get; }

    /// <summary>
    /// The precision: total digits of <c>DECIMAL</c>, fractional-second digits of <c>TIME</c>, <c>TIMESTAMP</c>,
    /// <c>TIMESTAMP_LTZ</c> and <c>INTERVAL DAY TO SECOND</c>; 0 for other types.
    /// </summary>
    public int Precision { get; }

    /// <summary>The scale (digits after the point) of <c>DECIMAL</c>; 0 for other types.</summary>
    public int Scale { get; }

    /// <summary>The length of <c>CHAR</c>, <c>VARCHAR</c>, <c>BINARY</c> and <c>VARBINARY</c>; 0 for other types.</summary>
    public int Length { get; }

    /// <summary>The element type of <c>ARRAY</c> and <c>MULTISET</c>; null for other types.</summary>
    public DataType? ElementType { get; }

    /// <summary>The key type of <c>MAP</c>; null for other types.</summary>
    public DataType? KeyType { get; }

    /// <summary>The value type of <c>MAP</c>; null for other types.</summary>
    public DataType? ValueType { get; }

    /// <summary>The fields of <c>ROW</c>, in order; empty for other types.</summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>How values of this type are stored in a column vector.</summary>
    public PhysicalType PhysicalType { get; }

    /// <summary>True for the types that contain other types: <c>ARRAY</c>, <c>MAP</c>, <c>MULTISET</c>, <c>ROW</c>.</summary>
    public bool IsNested => TypeId is TypeId.Array or TypeId.Map or TypeId.Multiset or TypeId.Row;

    /// <summary>Equality operator (value equality).</summary>
    public static bool operator ==(DataType? left, DataType? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality operator (value equality).</summary>
    public static bool operator !=(DataType? left, DataType? right) => !(left == right);

    /// <summary>A copy of this type that does not accept nulls.</summary>
    /// <exception cref="InvalidOperationException">The type is <c>NULL</c>, which is always nullable.</exception>
    public DataType NotNull() => WithNullability(false);

    /// <summary>A copy of this type that accepts nulls.</summary>
    public DataType Nullable() => WithNullability(true);

    /// <summary>A copy of this type with the given nullability (this instance when it already has it).</summary>
    /// <exception cref="InvalidOperationException">Asked for a non-nullable <c>NULL</c> type.</exception>
    public DataType WithNullability(bool isNullable)
    {
        if (isNullable == IsNullable)
        {
            return this;
        }

        if (TypeId == TypeId.Null)
        {
            ThrowHelper.ThrowInvalidOperation("The NULL type is always nullable.");
        }

        return new DataType(TypeId, isNullable, Precision, Scale, Length, ElementType, KeyType, ValueType,
            (ReadOnlyCollection<Field>)Fields);
    }

    /// <summary>
    /// True when <paramref name="other"/> is the same type apart from nullability, at every level of nesting
    /// (field names still count).
    /// </summary>
    public bool EqualsIgnoringNullability(DataType? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (TypeId != other.TypeId || Precision != other.Precision || Scale != other.Scale || Length != other.Length
            || Fields.Count != other.Fields.Count)
        {
            return false;
        }

        if (!ChildEqualsIgnoringNullability(ElementType, other.ElementType)
            || !ChildEqualsIgnoringNullability(KeyType, other.KeyType)
            || !ChildEqualsIgnoringNullability(ValueType, other.ValueType))
        {
            return false;
        }

        for (var i = 0; i < Fields.Count; i++)
        {
            if (!string.Equals(Fields[i].Name, other.Fields[i].Name, StringComparison.Ordinal)
                || !Fields[i].DataType.EqualsIgnoringNullability(other.Fields[i].DataType))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(DataType? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_hashCode != other._hashCode || TypeId != other.TypeId || IsNullable != other.IsNullable
            || Precision != other.Precision || Scale != other.Scale || Length != other.Length
            || ElementType != other.ElementType || KeyType != other.KeyType || ValueType != other.ValueType
            || Fields.Count != other.Fields.Count)
        {
            return false;
        }

        for (var i = 0; i < Fields.Count; i++)
        {
            if (!Fields[i].Equals(other.Fields[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DataType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hashCode;

    /// <summary>
    /// The type in Flink's SQL syntax, for example <c>BIGINT</c>, <c>DECIMAL(10, 2)</c>, <c>TIMESTAMP(3)</c>,
    /// <c>STRING</c>, <c>ARRAY&lt;INT&gt;</c>, <c>ROW&lt;`a` INT, `b` STRING&gt;</c>, <c>INT NOT NULL</c>.
    /// </summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    /// <summary>Appends <see cref="ToString"/> to <paramref name="builder"/>.</summary>
    public void AppendTo(StringBuilder builder)
    {
        switch (TypeId)
        {
            case TypeId.Boolean:
                builder.Append("BOOLEAN");
                break;
            case TypeId.TinyInt:
                builder.Append("TINYINT");
                break;
            case TypeId.SmallInt:
                builder.Append("SMALLINT");
                break;
            case TypeId.Int:
                builder.Append("INT");
                break;
            case TypeId.BigInt:
                builder.Append("BIGINT");
                break;
            case TypeId.Float:
                builder.Append("FLOAT");
                break;
            case TypeId.Double:
                builder.Append("DOUBLE");
                break;
            case TypeId.Decimal:
                builder.Append("DECIMAL(").Append(Precision).Append(", ").Append(Scale).Append(')');
                break;
            case TypeId.Char:
                builder.Append("CHAR(").Append(Length).Append(')');
                break;
            case TypeId.VarChar:
                if (Length == DataTypes.MaxLength)
                {
                    builder.Append("STRING");
                }
                else
                {
                    builder.Append("VARCHAR(").Append(Length).Append(')');
                }

                break;
            case TypeId.Binary:
                builder.Append("BINARY(").Append(Length).Append(')');
                break;
            case TypeId.VarBinary:
                if (Length == DataTypes.MaxLength)
                {
                    builder.Append("BYTES");
                }
                else
                {
                    builder.Append("VARBINARY(").Append(Length).Append(')');
                }

                break;
            case TypeId.Date:
                builder.Append("DATE");
                break;
            case TypeId.Time:
                builder.Append("TIME(").Append(Precision).Append(')');
                break;
            case TypeId.Timestamp:
                builder.Append("TIMESTAMP(").Append(Precision).Append(')');
                break;
            case TypeId.TimestampLtz:
                builder.Append("TIMESTAMP_LTZ(").Append(Precision).Append(')');
                break;
            case TypeId.IntervalYearMonth:
                builder.Append("INTERVAL YEAR(2) TO MONTH");
                break;
            case TypeId.IntervalDayTime:
                builder.Append("INTERVAL DAY(2) TO SECOND(").Append(Precision).Append(')');
                break;
            case TypeId.Array:
                builder.Append("ARRAY<");
                ElementType!.AppendTo(builder);
                builder.Append('>');
                break;
            case TypeId.Multiset:
                builder.Append("MULTISET<");
                ElementType!.AppendTo(builder);
                builder.Append('>');
                break;
            case TypeId.Map:
                builder.Append("MAP<");
                KeyType!.AppendTo(builder);
                builder.Append(", ");
                ValueType!.AppendTo(builder);
                builder.Append('>');
                break;
            case TypeId.Row:
                builder.Append("ROW<");
                for (var i = 0; i < Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Fields[i].AppendTo(builder);
                }

                builder.Append('>');
                break;
            case TypeId.Null:
                builder.Append("NULL");
                return;
            case TypeId.Variant:
                builder.Append("VARIANT");
                break;
        }

        if (!IsNullable)
        {
            builder.Append(" NOT NULL");
        }
    }

    /// <summary>
    /// Writes the canonical binary encoding of this type (root, nullability, parameters, children). Persisted:
    /// schema fingerprints hash it, so it must never change for an existing type.
    /// </summary>
    public void WriteTo(BinaryBufferWriter writer)
    {
        writer.WriteByte((byte)TypeId);
        writer.WriteByte(IsNullable ? EncodingNullableFlag : (byte)0);
        switch (TypeId)
        {
            case TypeId.Decimal:
                writer.WriteVarUInt64((ulong)Precision);
                writer.WriteVarUInt64((ulong)Scale);
                break;
            case TypeId.Char or TypeId.VarChar or TypeId.Binary or TypeId.VarBinary:
                writer.WriteVarUInt64((ulong)Length);
                break;
            case TypeId.Time or TypeId.Timestamp or TypeId.TimestampLtz or TypeId.IntervalDayTime:
                writer.WriteVarUInt64((ulong)Precision);
                break;
            case TypeId.Array or TypeId.Multiset:
                ElementType!.WriteTo(writer);
                break;
            case TypeId.Map:
                KeyType!.WriteTo(writer);
                ValueType!.WriteTo(writer);
                break;
            case TypeId.Row:
                writer.WriteVarUInt64((ulong)Fields.Count);
                foreach (var field in Fields)
                {
                    writer.WriteString(field.Name);
                    field.DataType.WriteTo(writer);
                }

                break;
        }
    }

    /// <summary>Reads a type written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="StateException">The data is truncated or does not describe a valid type.</exception>
    public static DataType ReadFrom(BinaryBufferReader reader) => ReadFrom(reader, 0);

    internal static DataType Create(TypeId typeId, int precision = 0, int scale = 0, int length = 0,
        DataType? elementType = null, DataType? keyType = null, DataType? valueType = null, Field[]? fields = null) =>
        new(typeId, true, precision, scale, length, elementType, keyType, valueType,
            fields is null ? null : new ReadOnlyCollection<Field>(fields));

    private static DataType ReadFrom(BinaryBufferReader reader, int depth)
    {
        if (depth > 64)
        {
            ThrowHelper.ThrowCorrupt("Type nesting is deeper than 64 levels.");
        }

        var id = (TypeId)reader.ReadByte();
        var flags = reader.ReadByte();
        if (flags > EncodingNullableFlag)
        {
            ThrowHelper.ThrowCorrupt($"Invalid type flags {flags}.");
        }

        try
        {
            var type = id switch
            {
                TypeId.Boolean => DataTypes.Boolean(),
                TypeId.TinyInt => DataTypes.TinyInt(),
                TypeId.SmallInt => DataTypes.SmallInt(),
                TypeId.Int => DataTypes.Int(),
                TypeId.BigInt => DataTypes.BigInt(),
                TypeId.Float => DataTypes.Float(),
                TypeId.Double => DataTypes.Double(),
                TypeId.Decimal => DataTypes.Decimal(ReadInt(reader), ReadInt(reader)),
                TypeId.Char => DataTypes.Char(ReadInt(reader)),
                TypeId.VarChar => DataTypes.VarChar(ReadInt(reader)),
                TypeId.Binary => DataTypes.Binary(ReadInt(reader)),
                TypeId.VarBinary => DataTypes.VarBinary(ReadInt(reader)),
                TypeId.Date => DataTypes.Date(),
                TypeId.Time => DataTypes.Time(ReadInt(reader)),
                TypeId.Timestamp => DataTypes.Timestamp(ReadInt(reader)),
                TypeId.TimestampLtz => DataTypes.TimestampLtz(ReadInt(reader)),
                TypeId.IntervalYearMonth => DataTypes.IntervalYearMonth(),
                TypeId.IntervalDayTime => DataTypes.IntervalDayTime(ReadInt(reader)),
                TypeId.Array => DataTypes.Array(ReadFrom(reader, depth + 1)),
                TypeId.Multiset => DataTypes.Multiset(ReadFrom(reader, depth + 1)),
                TypeId.Map => DataTypes.Map(ReadFrom(reader, depth + 1), ReadFrom(reader, depth + 1)),
                TypeId.Row => ReadRow(reader, depth),
                TypeId.Null => DataTypes.Null(),
                TypeId.Variant => DataTypes.Variant(),
                _ => throw new StateException($"Unknown type id {(int)id}.", ErrorDomain.External),
            };
            return type.WithNullability(flags == EncodingNullableFlag);
        }
        catch (ArgumentException ex)
        {
            throw new StateException($"Invalid encoded type: {ex.Message}", ErrorDomain.External, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new StateException($"Invalid encoded type: {ex.Message}", ErrorDomain.External, ex);
        }
    }

    private static DataType ReadRow(BinaryBufferReader reader, int depth)
    {
        var count = ReadInt(reader);
        if (count > reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt($"Row field count {count} runs past the end of the data.");
        }

        var fields = new Field[count];
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString() ?? throw new StateException("Row field without a name.", ErrorDomain.External);
            fields[i] = new Field(name, ReadFrom(reader, depth + 1));
        }

        return DataTypes.Row(fields);
    }

    private static int ReadInt(BinaryBufferReader reader)
    {
        var value = reader.ReadVarUInt64();
        if (value > int.MaxValue)
        {
            ThrowHelper.ThrowCorrupt($"Type parameter {value} is out of range.");
        }

        return (int)value;
    }

    private static bool ChildEqualsIgnoringNullability(DataType? left, DataType? right) =>
        left is null ? right is null : left.EqualsIgnoringNullability(right);

    private static PhysicalType ComputePhysicalType(TypeId typeId, int precision) => typeId switch
    {
        TypeId.Boolean => PhysicalType.Boolean,
        TypeId.TinyInt => PhysicalType.Int8,
        TypeId.SmallInt => PhysicalType.Int16,
        TypeId.Int or TypeId.Date or TypeId.IntervalYearMonth => PhysicalType.Int32,
        TypeId.BigInt or TypeId.Time or TypeId.Timestamp or TypeId.TimestampLtz or TypeId.IntervalDayTime => PhysicalType.Int64,
        TypeId.Float => PhysicalType.Float32,
        TypeId.Double => PhysicalType.Float64,
        TypeId.Decimal => precision <= DataTypes.MaxDecimal64Precision ? PhysicalType.Decimal64 : PhysicalType.Decimal128,
        TypeId.Char or TypeId.VarChar => PhysicalType.Utf8,
        TypeId.Binary or TypeId.VarBinary or TypeId.Variant => PhysicalType.Binary,
        TypeId.Array or TypeId.Multiset => PhysicalType.List,
        TypeId.Map => PhysicalType.Map,
        TypeId.Row => PhysicalType.Struct,
        _ => PhysicalType.Null,
    };
}
