namespace Sluice.Udf.Samples;

/// <summary>A word and its 0-based position.</summary>
/// <param name="Word">The word.</param>
/// <param name="Position">Its position in the text.</param>
public sealed record WordPosition(string Word, int Position);
