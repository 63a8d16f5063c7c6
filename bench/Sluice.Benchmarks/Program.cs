using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Sluice.Benchmarks;

/// <summary>
/// Entry point. <c>window-count [--events N] [--parallelism P] [--window-ms W] [--keys K]</c> runs the end-to-end keyed
/// window-count job and prints a throughput table; <c>sql [--query Q]</c> runs a SQL query end to end;
/// <c>micro [BenchmarkDotNet arguments]</c> runs the micro-benchmarks.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            PrintUsage();
            return args.Length == 0 ? 1 : 0;
        }

        switch (args[0])
        {
            case "window-count":
                return await WindowCountThroughput.RunAsync(args[1..]).ConfigureAwait(false);
            case "sql":
                return await SqlThroughput.RunAsync(args[1..]).ConfigureAwait(false);
            case "micro":
                // In process (--inProcess, applied to every job, --job presets included): no separate benchmark project is
                // generated and built next to the sources, where other builds may be running.
                string[] benchmarkArgs = args.Contains("--inProcess") ? args[1..] : ["--inProcess", .. args[1..]];
                var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(benchmarkArgs, DefaultConfig.Instance);
                return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
            default:
                Console.Error.WriteLine($"Unknown mode '{args[0]}'.");
                PrintUsage();
                return 1;
        }
    }

    private static void PrintUsage() =>
        Console.WriteLine("""
            Usage:
              Sluice.Benchmarks window-count [--events 50000000] [--parallelism 2] [--window-ms 10000] [--keys 1024]
                  Runs source -> hash(key) -> tumbling window count -> counting sink and prints throughput.
              Sluice.Benchmarks sql [--query filter|aggregate|window] [--events 5000000] [--parallelism 2]
                  Runs a SQL query (datagen -> query -> blackhole) through the SQL session and prints throughput.
              Sluice.Benchmarks micro [BenchmarkDotNet options, e.g. --filter *Window* --job short]
                  Runs the BenchmarkDotNet micro-benchmarks ([MemoryDiagnoser]). The hot operators, one class each:
                  CalcBenchmarks, GroupAggregateBenchmarks, WindowAggregateBenchmarks, JoinProbeBenchmarks,
                  DataStreamBenchmarks (quick: --job short --filter *GroupAggregate*).
            """);
}
