using System.Buffers;
using System.Text;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Sources;

/// <summary>
/// The lines of a UTF-8 text file, or of every file directly in a directory (one split per file, in ordinal order of
/// the names). A line ends at <c>\n</c> (a <c>\r</c> before it is dropped, as is a byte-order mark at the start); a last
/// line without one counts too. Bounded. The position is the byte offset of the next line, so a restore continues
/// exactly after the last emitted line.
/// </summary>
internal sealed class TextFileSource : ISource<TextFileSplit>
{
    private const string Connector = "text file";
    private readonly string _path;
    private readonly int _batchSize;

    public TextFileSource(string path, int batchSize = 1024)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _path = path;
        _batchSize = batchSize;
    }

    public Boundedness Boundedness => Boundedness.Bounded;

    public ITypeSerializer<TextFileSplit> SplitSerializer => TextFileSplit.Serializer;

    public IReadOnlyList<TextFileSplit> DiscoverSplits(int parallelism)
    {
        if (Directory.Exists(_path))
        {
            return [.. Directory.GetFiles(_path).Order(StringComparer.Ordinal).Select(f => new TextFileSplit(f, 0))];
        }

        if (File.Exists(_path))
        {
            return [new TextFileSplit(_path, 0)];
        }

        throw new ConnectorException(Connector, $"There is no file or directory '{_path}' to read text from.", ErrorDomain.User);
    }

    public ISourceReader<TextFileSplit> CreateReader(SourceReaderContext context) => new Reader(_batchSize);

    private sealed class Reader(int batchSize) : ISourceReader<TextFileSplit>
    {
        private const int ChunkSize = 64 * 1024;
        private readonly List<TextFileSplit> _splits = [];
        private readonly ArrayBufferWriter<byte> _line = new();

        public void AddSplits(IReadOnlyList<TextFileSplit> splits) => _splits.AddRange(splits);

        public InputStatus PollNext(ISourceOutput output)
        {
            ArgumentNullException.ThrowIfNull(output);
            if (_splits.Count == 0)
            {
                return InputStatus.EndOfInput;
            }

            var split = _splits[0];
            var batch = new ElementBatch<string>(batchSize);
            long offset;
            bool atEnd;
            try
            {
                (offset, atEnd) = ReadLines(split, batch);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                batch.Dispose();
                throw new ConnectorException(Connector, $"Reading '{split.Path}' at byte {split.Offset} failed: {e.Message}", ErrorDomain.External,
                    innerException: e);
            }

            if (batch.RowCount > 0)
            {
                output.Emit(split.SplitId, batch);
            }
            else
            {
                batch.Dispose();
            }

            if (atEnd)
            {
                _splits.RemoveAt(0);
                output.SplitFinished(split.SplitId);
            }
            else
            {
                _splits[0] = split with { Offset = offset };
            }

            return _splits.Count > 0 ? InputStatus.MoreAvailable : InputStatus.EndOfInput;
        }

        public IReadOnlyList<TextFileSplit> SnapshotState(long checkpointId) => [.. _splits];

        public void Dispose()
        {
        }

        /// <summary>Reads up to a batch of lines from the split's offset; returns the offset after them and whether the file ended.</summary>
        private (long Offset, bool AtEnd) ReadLines(TextFileSplit split, ElementBatch<string> batch)
        {
            using var stream = new FileStream(split.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            stream.Seek(split.Offset, SeekOrigin.Begin);
            var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                _line.Clear();
                var chunkStart = split.Offset;
                var offset = split.Offset;
                while (true)
                {
                    var read = stream.Read(chunk, 0, ChunkSize);
                    if (read == 0)
                    {
                        // A last line without a newline.
                        if (_line.WrittenCount > 0)
                        {
                            batch.Add(Decode(_line.WrittenSpan, offset == 0));
                            offset = chunkStart;
                        }

                        return (offset, true);
                    }

                    var start = 0;
                    for (var i = 0; i < read; i++)
                    {
                        if (chunk[i] != (byte)'\n')
                        {
                            continue;
                        }

                        _line.Write(chunk.AsSpan(start, i - start));
                        batch.Add(Decode(_line.WrittenSpan, offset == 0));
                        _line.Clear();
                        offset = chunkStart + i + 1;
                        start = i + 1;
                        if (batch.RowCount == batchSize)
                        {
                            return (offset, offset >= stream.Length);
                        }
                    }

                    _line.Write(chunk.AsSpan(start, read - start));
                    chunkStart += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        private static string Decode(ReadOnlySpan<byte> line, bool atFileStart)
        {
            if (atFileStart && line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }

            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            return Encoding.UTF8.GetString(line);
        }
    }
}
