namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>
/// A partial (or completed) match: the sequence number of its first row, the instruction it waits at (a variable, or
/// the final match instruction once complete), and the variable each of its rows is mapped to (row i is the row with
/// sequence number <see cref="Start"/> + i: the rows of a match are consecutive). Immutable.
/// </summary>
/// <param name="Start">The sequence number of the first row.</param>
/// <param name="Pc">The instruction it waits at.</param>
/// <param name="Variables">The variable of each row, in order.</param>
/// <param name="Complete">True when the pattern is complete.</param>
internal sealed record MatchThread(long Start, int Pc, byte[] Variables, bool Complete)
{
    /// <summary>The sequence number of the last row (Start - 1 when it has none yet).</summary>
    public long End => Start + Variables.Length - 1;
}
