namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>The rows of a (partial) match to evaluate over: row i has sequence number Start + i and is mapped to Variables[i].</summary>
/// <param name="Start">The sequence number of the first row.</param>
/// <param name="Variables">The variable of each row.</param>
internal readonly record struct MatchView(long Start, byte[] Variables);
