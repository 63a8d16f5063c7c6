namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>
/// The matching state of one partition key: the next row's sequence number, the first row a new match may start at
/// (after an <c>AFTER MATCH SKIP</c>), the rows the partial matches still refer to (by sequence number, contiguous) and
/// the partial matches in order of start row and then preference.
/// </summary>
internal sealed class MatchPartitionState
{
    /// <summary>The sequence number of the next row.</summary>
    public long NextSequence { get; set; }

    /// <summary>The first row a new match may start at.</summary>
    public long NextStart { get; set; }

    /// <summary>The rows partial matches may refer to, in sequence order without gaps.</summary>
    public List<MatchBufferedRow> Rows { get; } = [];

    /// <summary>The partial and completed matches, by start row and then preference.</summary>
    public List<MatchThread> Threads { get; set; } = [];

    /// <summary>The buffered row with <paramref name="sequence"/>.</summary>
    public MatchBufferedRow Row(long sequence) => Rows[(int)(sequence - Rows[0].Sequence)];
}
