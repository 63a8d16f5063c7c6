namespace WindowCount;

/// <summary>One result of the example: how many events a key had in a one-second event-time window.</summary>
public readonly record struct WindowResult(long Key, long WindowStart, long Count)
{
    public string ToLine() => $"{Key},{WindowStart},{Count}";

    public static WindowResult Parse(string line)
    {
        var parts = line.Split(',');
        return new WindowResult(long.Parse(parts[0]), long.Parse(parts[1]), long.Parse(parts[2]));
    }
}
