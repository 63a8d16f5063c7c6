using System.Text;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Builtin.Print;

/// <summary>Writes the rows of each batch as lines, in one write per batch; flushes at every checkpoint and at the end.</summary>
internal sealed class PrintSinkWriter : ISinkWriter<NoCommit>
{
    private readonly TextWriter _output;
    private readonly string _prefix;
    private readonly StringBuilder _text = new();

    public PrintSinkWriter(TextWriter output, string prefix)
    {
        _output = output;
        _prefix = prefix;
    }

    public void Write(IBatch batch)
    {
        var records = batch as RecordBatch ?? throw new ArgumentException("The print sink writes RecordBatches.", nameof(batch));
        _text.Clear();
        for (var row = 0; row < records.RowCount; row++)
        {
            _text.Append(_prefix);
            RowPrinter.AppendRow(_text, records, row);
            _text.Append('\n');
        }

        _output.Write(_text.ToString());
    }

    public IReadOnlyList<NoCommit> PrepareCommit(long checkpointId)
    {
        _output.Flush();
        return [];
    }

    public void Finish() => _output.Flush();

    public void Dispose()
    {
    }
}
