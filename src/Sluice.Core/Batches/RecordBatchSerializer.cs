using System.Runtime.CompilerServices;
using Sluice.Core.Errors;
using Sluice.Core.Hashing;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Vectors;

namespace Sluice.Core.Batches;

/// <summary>
/// The versioned little-endian binary encoding of a <see cref="RecordBatch"/>, for state, snapshots and the
/// network. Only the logical (selected) rows are written. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Layout: <c>version:u8, payloadLength:i32, crc32c(payload):u32</c>, then the payload:
/// <c>schemaFingerprint:i64, columnCount:varuint, rowCount:varuint, hasRowKinds:u8, [rowKinds:u8 × rowCount]</c>
/// and each column as written by <see cref="ColumnVectorSerializer"/>. The checksum makes any corruption of the
/// payload a <see cref="StateException"/>, never a wrong batch.
/// </remarks>
[SkipLocalsInit]
public static class RecordBatchSerializer
{
    /// <summary>The version of the encoding this class writes.</summary>
    public const byte FormatVersion = 1;

    private const int HeaderLength = 9;

    /// <summary>Writes the logical rows of <paramref name="batch"/>.</summary>
    public static void Write(RecordBatch batch, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(writer);
        if (batch.HasSelection)
        {
            using var compacted = batch.GatherSelected();
            Write(compacted, writer);
            return;
        }

        writer.WriteByte(FormatVersion);
        var headerPosition = writer.Length;
        writer.WriteInt32(0);
        writer.WriteInt32(0);
        var payloadStart = writer.Length;

        writer.WriteInt64(batch.Schema.Fingerprint);
        writer.WriteVarUInt64((ulong)batch.ColumnCount);
        writer.WriteVarUInt64((ulong)batch.RowCount);
        writer.WriteBoolean(batch.HasRowKinds);
        if (batch.HasRowKinds)
        {
            var kinds = batch.RowKinds;
            writer.WriteRaw(System.Runtime.InteropServices.MemoryMarshal.AsBytes(kinds));
        }

        for (var i = 0; i < batch.ColumnCount; i++)
        {
            ColumnVectorSerializer.Write(batch.Column(i), writer);
        }

        var payloadLength = writer.Length - payloadStart;
        var crc = Crc32C.Compute(writer.WrittenSpan.Slice(payloadStart, payloadLength));
        writer.PatchInt32(headerPosition, payloadLength);
        writer.PatchInt32(headerPosition + 4, unchecked((int)crc));
    }

    /// <summary>Reads a batch written by <see cref="Write"/> for <paramref name="schema"/>.</summary>
    /// <exception cref="StateException">The data is truncated or corrupt, of an unknown version, or was written
    /// for a schema with another fingerprint.</exception>
    public static RecordBatch Read(BinaryBufferReader reader, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(schema);
        if (reader.Remaining < HeaderLength)
        {
            ThrowHelper.ThrowCorrupt($"A record batch needs at least {HeaderLength} bytes, {reader.Remaining} remain.");
        }

        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            ThrowHelper.ThrowCorrupt($"Unknown record batch format version {version} (expected {FormatVersion}).");
        }

        var payloadLength = reader.ReadInt32();
        var expectedCrc = unchecked((uint)reader.ReadInt32());
        if (payloadLength < 0 || payloadLength > reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt($"Record batch payload length {payloadLength} runs past the end of the data.");
        }

        var payloadStart = reader.Position;
        if (Crc32C.Compute(reader.ReadRaw(payloadLength)) != expectedCrc)
        {
            ThrowHelper.ThrowCorrupt("Record batch checksum mismatch: the data is corrupt.");
        }

        reader.Position = payloadStart;
        var fingerprint = reader.ReadInt64();
        if (fingerprint != schema.Fingerprint)
        {
            throw new StateException(
                $"The record batch was written for another schema (fingerprint {fingerprint:X16}, expected " +
                $"{schema.Fingerprint:X16} for {schema}).", ErrorDomain.User);
        }

        var columnCount = reader.ReadVarUInt64();
        if (columnCount != (ulong)schema.Count)
        {
            ThrowHelper.ThrowCorrupt($"The record batch has {columnCount} columns, the schema {schema.Count}.");
        }

        var rowCount = reader.ReadVarUInt64();
        if (rowCount > ColumnVectorSerializer.MaxLength)
        {
            ThrowHelper.ThrowCorrupt($"Row count {rowCount} is out of range.");
        }

        var rows = (int)rowCount;
        var hasRowKinds = reader.ReadByte();
        if (hasRowKinds > 1)
        {
            ThrowHelper.ThrowCorrupt($"Invalid row kind flag {hasRowKinds}.");
        }

        RowKind[]? kinds = null;
        var columns = new ColumnVector[schema.Count];
        var done = 0;
        try
        {
            if (hasRowKinds == 1)
            {
                kinds = ReadRowKinds(reader, rows);
            }

            for (; done < columns.Length; done++)
            {
                columns[done] = ColumnVectorSerializer.Read(reader, schema[done].DataType, rows);
            }

            if (reader.Position != payloadStart + payloadLength)
            {
                ThrowHelper.ThrowCorrupt("The record batch payload has trailing bytes.");
            }

            return new RecordBatch(schema, columns, rows, kinds, null, 0);
        }
        catch
        {
            for (var i = 0; i < done; i++)
            {
                columns[i].Dispose();
            }

            if (kinds is not null)
            {
                BufferPool.Return(kinds);
            }

            throw;
        }
    }

    /// <summary>Reads a batch from a byte buffer holding exactly one encoded batch.</summary>
    /// <exception cref="StateException">See <see cref="Read(BinaryBufferReader, Schema)"/>, or trailing bytes.</exception>
    public static RecordBatch Read(ReadOnlyMemory<byte> data, Schema schema)
    {
        var reader = new BinaryBufferReader(data);
        var batch = Read(reader, schema);
        if (!reader.IsAtEnd)
        {
            batch.Dispose();
            ThrowHelper.ThrowCorrupt("Trailing bytes after the record batch.");
        }

        return batch;
    }

    private static RowKind[] ReadRowKinds(BinaryBufferReader reader, int rows)
    {
        if (rows > reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt("Row kinds run past the end of the data.");
        }

        var raw = reader.ReadRaw(rows);
        var kinds = BufferPool.Rent<RowKind>(rows);
        for (var i = 0; i < rows; i++)
        {
            var kind = (RowKind)raw[i];
            if (kind > RowKindExtensions.MaxValue)
            {
                BufferPool.Return(kinds);
                ThrowHelper.ThrowCorrupt($"Invalid row kind {raw[i]} at row {i}.");
            }

            kinds[i] = kind;
        }

        return kinds;
    }
}
