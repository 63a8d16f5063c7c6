namespace Sluice.Testing.Operators;

/// <summary>The output of <see cref="SequenceCheckOperator"/>: the event's key and sequence, and the key's running count.</summary>
/// <param name="Key">The key.</param>
/// <param name="Seq">The event's sequence number.</param>
/// <param name="Count">How many events of the key were processed, this one included.</param>
public readonly record struct SequenceCount(long Key, long Seq, long Count);
