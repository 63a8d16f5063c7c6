namespace Sluice.Udf.Samples;

/// <summary>A summary of a text: a ROW result.</summary>
/// <param name="Words">The number of words.</param>
/// <param name="Longest">The longest word, or null for no words.</param>
public sealed record TextSummary(int Words, string? Longest);
