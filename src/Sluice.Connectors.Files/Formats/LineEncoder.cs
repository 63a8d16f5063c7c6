using System.Buffers;
using System.Text;
using Sluice.Connectors.Abstractions.Formats;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Files.Formats;

/// <summary>
/// Encodes each row of a batch as one UTF-8 line terminated by '\n', formatted by a user function: a simple encoder
/// for tests and examples. The function must not put '\n' in a line. Stateless; thread-safe if the function is.
/// </summary>
public sealed class LineEncoder : IBatchEncoder
{
    private readonly Func<IBatch, int, string> _formatRow;

    /// <summary>Creates an encoder that formats row <c>i</c> of a batch with <paramref name="formatRow"/>(batch, i).</summary>
    public LineEncoder(Func<IBatch, int, string> formatRow)
    {
        ArgumentNullException.ThrowIfNull(formatRow);
        _formatRow = formatRow;
    }

    /// <summary>An encoder for <see cref="ElementBatch{T}"/> batches that formats each element.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="format">Formats one element as a line (without the terminator).</param>
    public static LineEncoder ForElements<T>(Func<T, string> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return new LineEncoder((batch, row) => format(((ElementBatch<T>)batch)[row]));
    }

    /// <inheritdoc />
    public void Encode(IBatch batch, IBufferWriter<byte> output)
    {
        var rows = batch.RowCount;
        for (var row = 0; row < rows; row++)
        {
            var line = _formatRow(batch, row);
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length) + 1);
            var count = Encoding.UTF8.GetBytes(line, span);
            span[count] = (byte)'\n';
            output.Advance(count + 1);
        }
    }
}
