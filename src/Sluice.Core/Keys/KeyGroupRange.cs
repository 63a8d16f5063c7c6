namespace Sluice.Core.Keys;

/// <summary>A contiguous, inclusive range of key groups owned by one subtask.</summary>
/// <param name="Start">The first key group.</param>
/// <param name="End">The last key group (inclusive); <c>End &lt; Start</c> means empty.</param>
public readonly record struct KeyGroupRange(int Start, int End)
{
    /// <summary>The empty range.</summary>
    public static KeyGroupRange Empty { get; } = new(0, -1);

    /// <summary>The number of key groups in the range.</summary>
    public int Count => Math.Max(0, End - Start + 1);

    /// <summary>True when <paramref name="keyGroup"/> is in the range.</summary>
    public bool Contains(int keyGroup) => keyGroup >= Start && keyGroup <= End;

    /// <summary>The intersection with another range.</summary>
    public KeyGroupRange Intersect(KeyGroupRange other)
    {
        var start = Math.Max(Start, other.Start);
        var end = Math.Min(End, other.End);
        return end < start ? Empty : new KeyGroupRange(start, end);
    }

    /// <inheritdoc />
    public override string ToString() => Count == 0 ? "[]" : $"[{Start}..{End}]";
}
