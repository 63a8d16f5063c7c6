using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Errors;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// Reads the splits of a <see cref="PausingFileSource"/>: the whole file is framed into records when the split is
/// added; each poll decodes and emits up to <see cref="PausingFileSource.RecordsPerPoll"/> records of the first split
/// that is not paused. A split registered with the schedule pauses at half of its records; a checkpoint snapshotted
/// during the pause covers it once it completes.
/// </summary>
/// <remarks><b>Threading.</b> Called on the source task's thread only.</remarks>
internal sealed class PausingFileSourceReader(PausingFileSource source) : ISourceReader<PausingFileSplit>
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly IBatchDecoder _decoder = source.CreateDecoder();
    private readonly List<OpenSplit> _splits = [];

    public void AddSplits(IReadOnlyList<PausingFileSplit> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        foreach (var split in splits)
        {
            var open = new OpenSplit(split.Path, Frame(split.Path)) { Position = split.Position };
            if (open.Position > open.Records.Count)
            {
                throw new ConnectorException("filesystem", $"Cannot resume file {split.Path} at record {split.Position}: it has {open.Records.Count}.",
                    ErrorDomain.User, RetryHint.None);
            }

            open.PauseAt = open.Records.Count / 2;
            open.Ticket = source.Schedule.Register();
            _splits.Add(open);
        }
    }

    public InputStatus PollNext(ISourceOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_splits.Count == 0)
        {
            return InputStatus.EndOfInput;
        }

        var split = _splits.Find(s => !IsPaused(s));
        if (split is null)
        {
            source.Schedule.FailWhenAllCovered();
            return InputStatus.NothingAvailable;
        }

        var limit = split.Ticket is not null && !source.Schedule.HasFailed && split.Position < split.PauseAt ? split.PauseAt : split.Records.Count;
        var end = Math.Min(limit, split.Position + PausingFileSource.RecordsPerPoll);
        for (; split.Position < end; split.Position++)
        {
            var (start, length, line) = split.Records[split.Position];
            _decoder.Decode(split.Bytes.AsSpan(start, length), RecordLocation.Line("file " + split.Path, line));
        }

        if (_decoder.Flush() is { } batch)
        {
            output.Emit(split.Path, batch);
        }

        if (split.Position == split.Records.Count)
        {
            _splits.Remove(split);
            output.SplitFinished(split.Path);
        }

        return _splits.Count > 0 ? InputStatus.MoreAvailable : InputStatus.EndOfInput;
    }

    public IReadOnlyList<PausingFileSplit> SnapshotState(long checkpointId)
    {
        foreach (var split in _splits)
        {
            if (IsPaused(split) && split.CoveringCheckpoint is null)
            {
                split.CoveringCheckpoint = checkpointId;
            }
        }

        return [.. _splits.Select(s => new PausingFileSplit(s.Path, s.Position))];
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
        foreach (var split in _splits)
        {
            if (split.CoveringCheckpoint <= checkpointId && split.Ticket is { } ticket)
            {
                source.Schedule.MarkCovered(ticket);
            }
        }
    }

    public void Dispose() => _decoder.Dispose();

    private bool IsPaused(OpenSplit split) => split.Ticket is not null && !source.Schedule.HasFailed && split.Position >= split.PauseAt;

    /// <summary>Reads the file and cuts it into records: (offset, length without terminator, 1-based line).</summary>
    private (byte[] Bytes, List<(int Start, int Length, long Line)> Records) Frame(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorException("filesystem", $"Cannot read file {path}: {ex.Message}", innerException: ex);
        }

        var records = new List<(int, int, long)>();
        var offset = bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var line = 1L;
        while (_decoder.TryFrame(bytes.AsSpan(offset), isFinalBlock: true, out var length, out var consumed))
        {
            records.Add((offset, length, line));
            line += bytes.AsSpan(offset, consumed).Count((byte)'\n');
            offset += consumed;
        }

        return (bytes, records);
    }

    private sealed class OpenSplit(string path, (byte[] Bytes, List<(int Start, int Length, long Line)> Records) framed)
    {
        public string Path { get; } = path;

        public byte[] Bytes { get; } = framed.Bytes;

        public List<(int Start, int Length, long Line)> Records { get; } = framed.Records;

        public int Position { get; set; }

        public int PauseAt { get; set; }

        public int? Ticket { get; set; }

        public long? CoveringCheckpoint { get; set; }
    }
}
