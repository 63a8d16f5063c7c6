namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>One processing step of a partition: its state and the rows decoded so far (each row decoded once per step).</summary>
internal sealed class MatchRun(MatchPartitionState state, RowEncoder encoder)
{
    private readonly Dictionary<long, object?[]> _decoded = [];

    /// <summary>The partition's state.</summary>
    public MatchPartitionState State => state;

    /// <summary>The values of the buffered row with <paramref name="sequence"/>.</summary>
    public object?[] Values(long sequence)
    {
        if (!_decoded.TryGetValue(sequence, out var values))
        {
            values = encoder.Decode(state.Row(sequence).Row.Bytes);
            _decoded.Add(sequence, values);
        }

        return values;
    }
}
