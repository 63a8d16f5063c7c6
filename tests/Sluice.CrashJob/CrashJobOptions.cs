using System.Globalization;

namespace Sluice.CrashJob;

/// <summary>The command line of the crash job: <c>--output DIR --checkpoints DIR [--splits N] [--keys-per-split N]
/// [--rows-per-split N] [--batch-size N] [--rows-per-second R] [--parallelism N] [--checkpoint-interval-ms N]</c>.</summary>
internal sealed record CrashJobOptions
{
    public required string OutputDirectory { get; init; }

    public required string CheckpointDirectory { get; init; }

    public int Splits { get; init; } = 4;

    public int KeysPerSplit { get; init; } = 250;

    public long RowsPerSplit { get; init; } = 50_000;

    public int BatchSize { get; init; } = 500;

    public double? RowsPerSecond { get; init; } = 10_000;

    public int Parallelism { get; init; } = 2;

    public int CheckpointIntervalMillis { get; init; } = 100;

    public static CrashJobOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}': expected '--name value' pairs.");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) =>
            values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"Missing required argument --{name}.");
        long Long(string name, long fallback) =>
            values.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var defaults = new CrashJobOptions { OutputDirectory = "", CheckpointDirectory = "" };
        return new CrashJobOptions
        {
            OutputDirectory = Required("output"),
            CheckpointDirectory = Required("checkpoints"),
            Splits = (int)Long("splits", defaults.Splits),
            KeysPerSplit = (int)Long("keys-per-split", defaults.KeysPerSplit),
            RowsPerSplit = Long("rows-per-split", defaults.RowsPerSplit),
            BatchSize = (int)Long("batch-size", defaults.BatchSize),
            RowsPerSecond = values.TryGetValue("rows-per-second", out var rate)
                ? (rate == "none" ? null : double.Parse(rate, CultureInfo.InvariantCulture))
                : defaults.RowsPerSecond,
            Parallelism = (int)Long("parallelism", defaults.Parallelism),
            CheckpointIntervalMillis = (int)Long("checkpoint-interval-ms", defaults.CheckpointIntervalMillis),
        };
    }
}
