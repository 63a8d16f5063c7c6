using System.Collections.ObjectModel;
using System.Text;
using Sluice.Core.Hashing;
using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Core.Schemas;

/// <summary>
/// The ordered, named and typed columns of a <c>RecordBatch</c> or table, with an optional event-time
/// (row-time) attribute. Immutable, compares by value, thread-safe.
/// </summary>
/// <remarks>
/// <para>Names are case-sensitive and unique, as in Flink.</para>
/// <para>The <see cref="Fingerprint"/> identifies the names and types (not the row-time attribute) in every
/// process and release; snapshots store it to detect that state was written with another schema.</para>
/// </remarks>
public sealed class Schema : IEquatable<Schema>
{
    private readonly Field[] _fields;
    private readonly Dictionary<string, int> _indexByName;
    private string? _text;

    /// <summary>Creates a schema.</summary>
    /// <param name="fields">The columns, in order.</param>
    /// <param name="rowTimeIndex">The index of the event-time column, or -1 for none.</param>
    /// <exception cref="ArgumentException">Duplicate names, or the row-time column is not a
    /// <c>TIMESTAMP</c> or <c>TIMESTAMP_LTZ</c>.</exception>
    public Schema(IEnumerable<Field> fields, int rowTimeIndex = -1)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = fields.ToArray();
        DataTypes.EnsureUniqueNames(_fields, nameof(fields));
        _indexByName = new Dictionary<string, int>(_fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < _fields.Length; i++)
        {
            _indexByName[_fields[i].Name] = i;
        }

        if (rowTimeIndex != -1)
        {
            if (rowTimeIndex < 0 || rowTimeIndex >= _fields.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(rowTimeIndex), rowTimeIndex,
                    "The row-time index must be -1 or the index of a column.");
            }

            var type = _fields[rowTimeIndex].DataType;
            if (type.TypeId is not (TypeId.Timestamp or TypeId.TimestampLtz))
            {
                throw new ArgumentException(
                    $"The row-time column `{_fields[rowTimeIndex].Name}` must be TIMESTAMP or TIMESTAMP_LTZ, not {type}.",
                    nameof(rowTimeIndex));
            }
        }

        RowTimeIndex = rowTimeIndex;
        Fields = new ReadOnlyCollection<Field>(_fields);
        Fingerprint = ComputeFingerprint(_fields);
    }

    /// <summary>The empty schema.</summary>
    public static Schema Empty { get; } = new([]);

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>The number of columns.</summary>
    public int Count => _fields.Length;

    /// <summary>The index of the event-time (row-time) column, or -1 when there is none.</summary>
    public int RowTimeIndex { get; }

    /// <summary>True when the schema has an event-time column.</summary>
    public bool HasRowTime => RowTimeIndex >= 0;

    /// <summary>The column at <paramref name="index"/>.</summary>
    public Field this[int index] => _fields[index];

    /// <summary>
    /// A stable 64-bit hash of the column names and types (their canonical encoding,
    /// <see cref="DataType.WriteTo"/>), the same in every process and release.
    /// </summary>
    public long Fingerprint { get; }

    /// <summary>Creates a schema without a row-time column.</summary>
    public static Schema Of(params Field[] fields) => new(fields);

    /// <summary>Equality operator (value equality).</summary>
    public static bool operator ==(Schema? left, Schema? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality operator (value equality).</summary>
    public static bool operator !=(Schema? left, Schema? right) => !(left == right);

    /// <summary>The index of the column named <paramref name="name"/> (case-sensitive), or -1.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;

    /// <summary>The column named <paramref name="name"/> (case-sensitive), or null.</summary>
    public Field? Find(string name) => _indexByName.TryGetValue(name, out var index) ? _fields[index] : null;

    /// <summary>A copy whose event-time column is the one named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">There is no such column or it is not a timestamp.</exception>
    public Schema WithRowTime(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            throw new ArgumentException($"There is no column named `{name}`.", nameof(name));
        }

        return WithRowTime(index);
    }

    /// <summary>A copy whose event-time column is at <paramref name="index"/> (-1 for none).</summary>
    public Schema WithRowTime(int index) => index == RowTimeIndex ? this : new Schema(_fields, index);

    /// <summary>This schema as a <c>ROW</c> type of its columns.</summary>
    public DataType ToRowType() => DataTypes.Row(_fields);

    /// <inheritdoc />
    public bool Equals(Schema? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (RowTimeIndex != other.RowTimeIndex || _fields.Length != other._fields.Length)
        {
            return false;
        }

        for (var i = 0; i < _fields.Length; i++)
        {
            if (!_fields[i].Equals(other._fields[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Schema other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Fingerprint, RowTimeIndex);

    /// <summary>
    /// The columns in Flink's syntax, the row-time column marked as Flink does, for example
    /// <c>(`id` BIGINT NOT NULL, `ts` TIMESTAMP(3) *ROWTIME*)</c>.
    /// </summary>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var builder = new StringBuilder("(");
        for (var i = 0; i < _fields.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            _fields[i].AppendTo(builder);
            if (i == RowTimeIndex)
            {
                builder.Append(" *ROWTIME*");
            }
        }

        return builder.Append(')').ToString();
    }

    private static long ComputeFingerprint(Field[] fields)
    {
        using var writer = new BinaryBufferWriter();
        writer.WriteVarUInt64((ulong)fields.Length);
        foreach (var field in fields)
        {
            writer.WriteString(field.Name);
            field.DataType.WriteTo(writer);
        }

        // High half: Murmur3 of the encoding. Low half: Murmur3 of the encoding prefixed by the high half, which
        // acts as a second seed, so that the two halves are independent.
        var high = StableHash.Hash(writer.WrittenSpan);
        var encodedLength = writer.Length;
        writer.WriteInt32(high);
        var bytes = writer.WrittenSpan;
        Span<byte> prefixed = encodedLength + 4 <= 256 ? stackalloc byte[encodedLength + 4] : new byte[encodedLength + 4];
        bytes.Slice(encodedLength, 4).CopyTo(prefixed);
        bytes[..encodedLength].CopyTo(prefixed[4..]);
        var low = StableHash.Hash(prefixed);
        return ((long)high << 32) | (uint)low;
    }
}
