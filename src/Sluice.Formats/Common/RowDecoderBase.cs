using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;

namespace Sluice.Formats.Common;

/// <summary>
/// The common part of the row formats' decoders: line framing, the batch builder, and the handling of records that
/// do not parse (a <see cref="FormatParseException"/> naming the location, or a counted skip with
/// <c>ignore-parse-errors</c>). A subclass parses one record into <see cref="RowStage"/>s and commits them only when
/// the whole record parsed. See <see cref="IBatchDecoder"/> for threading and lifecycle.
/// </summary>
internal abstract class RowDecoderBase : IBatchDecoder
{
    private readonly RecordBatchBuilder _builder;
    private bool _disposed;

    protected RowDecoderBase(string formatName, Schema schema, bool ignoreParseErrors)
    {
        FormatName = formatName;
        Schema = schema;
        IgnoreParseErrors = ignoreParseErrors;
        _builder = new RecordBatchBuilder(schema, 256);
    }

    public Schema Schema { get; }

    public long SkippedRecords { get; private set; }

    public int PendingRows => _builder.RowCount;

    protected string FormatName { get; }

    protected bool IgnoreParseErrors { get; }

    protected RecordBatchBuilder Builder => _builder;

    public virtual bool TryFrame(ReadOnlySpan<byte> buffer, bool isFinalBlock, out int recordLength, out int consumed) =>
        LineFraming.TryFrame(buffer, isFinalBlock, out recordLength, out consumed);

    public int Decode(ReadOnlySpan<byte> record, RecordLocation location)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return DecodeRecord(record);
        }
        catch (RecordParseError error)
        {
            ResetStages();
            if (IgnoreParseErrors)
            {
                SkippedRecords++;
                return 0;
            }

            throw new FormatParseException(FormatName, location, error.Column, error.Problem, error.InnerException);
        }
    }

    public RecordBatch? Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _builder.RowCount == 0 ? null : _builder.Build();
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _builder.Dispose();
        }
    }

    /// <summary>Parses one record and commits its rows to <see cref="Builder"/>; throws <see cref="RecordParseError"/> before committing anything.</summary>
    protected abstract int DecodeRecord(ReadOnlySpan<byte> record);

    /// <summary>Forgets the values of a record that failed.</summary>
    protected abstract void ResetStages();
}
