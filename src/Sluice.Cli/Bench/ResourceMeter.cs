using System.Diagnostics;

namespace Sluice.Cli.Bench;

/// <summary>
/// Measures one run: wall time, the process's CPU time (all threads: tasks, GC, checkpoint writes) and the peak size of
/// the managed heap (<see cref="GC.GetTotalMemory(bool)"/>, live objects and garbage not yet collected, pooled buffers
/// included), sampled every 10 ms on a timer thread. The working set is not used: the runtime keeps memory committed
/// after earlier runs, so it would mostly show the largest run so far. Start with <see cref="Start"/>, end with
/// <see cref="Stop"/>.
/// </summary>
internal sealed class ResourceMeter : IDisposable
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly Timer _timer;
    private long _peak = GC.GetTotalMemory(false);

    private ResourceMeter()
    {
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
    }

    public static ResourceMeter Start()
    {
        // Start from the live objects only, without the garbage of earlier runs.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return new ResourceMeter();
    }

    /// <summary>Stops measuring: (wall seconds, CPU seconds, peak working set in bytes).</summary>
    public (double Seconds, double CpuSeconds, long PeakBytes) Stop()
    {
        _wall.Stop();
        _timer.Dispose();
        Sample();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;
        return (_wall.Elapsed.TotalSeconds, cpu.TotalSeconds, Interlocked.Read(ref _peak));
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }
}
