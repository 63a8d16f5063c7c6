using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// Writes a <see cref="JoinRows"/> as its layout's flags, its entry count, and its entries' bytes as they are (one copy,
/// nothing per row); reads them back into the layout this serializer was made for (into a block of its arena), converting entries written in
/// another layout (a side that was inner and is now outer gets match counts of 0, entries written without timestamps
/// are stamped at their first access).
/// </summary>
internal sealed class JoinRowsSerializer(JoinRowsLayout layout) : ITypeSerializer<JoinRows>
{
    /// <summary>The layout of the rows read.</summary>
    public JoinRowsLayout Layout { get; } = layout;

    /// <inheritdoc />
    public void Serialize(JoinRows value, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte(Layout.Flags);
        writer.WriteVarUInt64((ulong)value.Entries);
        writer.WriteBytes(value.Used);
    }

    /// <inheritdoc />
    public JoinRows Deserialize(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var flags = reader.ReadByte();
        if ((flags & ~(JoinRowsLayout.MatchesFlag | JoinRowsLayout.TimestampsFlag)) != 0)
        {
            throw new StateException($"Corrupt join state: unknown layout flags {flags}.", ErrorDomain.External);
        }

        var entries = reader.ReadVarUInt64();
        var bytes = reader.ReadBytes().Span;
        if (entries > (ulong)bytes.Length)
        {
            throw new StateException($"Corrupt join state: {entries} entries in {bytes.Length} bytes.", ErrorDomain.External);
        }

        var written = flags == Layout.Flags ? Layout : JoinRowsLayout.Of(flags);
        written.Validate(bytes, (int)entries);
        if (entries == 0)
        {
            return default;
        }

        if (ReferenceEquals(written, Layout))
        {
            return Layout.Copy(bytes, (int)entries);
        }

        var source = bytes.ToArray();
        var rows = default(JoinRows);
        for (var entry = 0; entry < source.Length; entry = written.Next(source, entry))
        {
            var timestamp = written.HasTimestamps ? written.Timestamp(source, entry) : JoinRowsLayout.Unstamped;
            rows = Layout.Append(rows, written.Row(source, entry), JoinRowsLayout.Count(source, entry), written.Matches(source, entry), timestamp);
        }

        return rows;
    }
}
