using Sluice.Core.Batches;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// Decodes records (lines of a file, messages of a topic) of one format into rows of a <see cref="RecordBatch"/>.
/// Created by an <see cref="IFormatFactory"/> for one schema.
/// </summary>
/// <remarks>
/// <para><b>Usage.</b> A message-based connector calls <see cref="Decode"/> per message. A stream-based connector
/// (files) first cuts records out of its buffer with <see cref="TryFrame"/> (a line, or for CSV a line whose quoted
/// fields may span line breaks), then decodes each. Rows accumulate until <see cref="Flush"/> hands them over as one
/// batch; a connector flushes before it reports a position, so that a checkpoint never falls inside a batch.</para>
/// <para><b>Errors.</b> A record that does not parse throws a <see cref="FormatParseException"/> naming its
/// <see cref="RecordLocation"/>, the column and what was expected; no part of it is added. When the format's
/// <c>ignore-parse-errors</c> option is set the record is skipped instead and counted in
/// <see cref="SkippedRecords"/>.</para>
/// <para><b>Threading and lifecycle.</b> Used by one thread. <see cref="IDisposable.Dispose"/> returns the buffers of
/// rows not flushed.</para>
/// </remarks>
public interface IBatchDecoder : IDisposable
{
    /// <summary>The schema of the rows produced (with its row-time column, if any).</summary>
    Schema Schema { get; }

    /// <summary>The number of records skipped because they did not parse and <c>ignore-parse-errors</c> is set.</summary>
    long SkippedRecords { get; }

    /// <summary>The number of rows decoded since the last <see cref="Flush"/>.</summary>
    int PendingRows { get; }

    /// <summary>
    /// Finds the next record at the start of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">Unconsumed input, starting at a record boundary.</param>
    /// <param name="isFinalBlock">True when no more input follows: the rest is the last record (without a terminator).</param>
    /// <param name="recordLength">The length of the record, without its terminator (<c>\n</c> or <c>\r\n</c>).</param>
    /// <param name="consumed">The bytes to skip to reach the next record (the record and its terminator).</param>
    /// <returns>False when the buffer holds no complete record (more input is needed, or it is empty and final).</returns>
    bool TryFrame(ReadOnlySpan<byte> buffer, bool isFinalBlock, out int recordLength, out int consumed);

    /// <summary>Decodes one record and adds its rows (usually one; none for a skipped, empty or tombstone record).</summary>
    /// <param name="record">The record's bytes, without a terminator.</param>
    /// <param name="location">Where the record came from, for error messages.</param>
    /// <returns>The number of rows added.</returns>
    /// <exception cref="FormatParseException">The record does not parse and <c>ignore-parse-errors</c> is not set.</exception>
    int Decode(ReadOnlySpan<byte> record, RecordLocation location);

    /// <summary>The rows decoded since the last call as one batch (owned by the caller), or null when there are none.</summary>
    RecordBatch? Flush();
}
