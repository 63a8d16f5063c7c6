#!/usr/bin/env bash
# Runs the join benchmarks (semi.sql, interval.sql, temporal.sql, each after ddl.sql) with `sluice run` and reports per
# run: wall seconds, CPU seconds, the peak of the managed heap (sampled every 10 ms), the GC's total pause time and the
# number of gen-2 collections. The figures come from a startup hook (built here into a temporary folder) that prints
# them when the process exits.
#
#   bench/joins/run.sh SLUICE_DLL [QUERY...]        e.g. bench/joins/run.sh ART/bin/Sluice.Cli/release/sluice.dll semi
#
# Environment: EVENTS (default 2000000), TPS (event-time rate, default 100000), RUNS (default 1).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dll="$1"; shift
queries=("$@"); [ ${#queries[@]} -eq 0 ] && queries=(semi interval temporal)
events="${EVENTS:-2000000}"; tps="${TPS:-100000}"; runs="${RUNS:-1}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

mkdir -p "$work/hook"
cat > "$work/hook/hook.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><AssemblyName>GcReportHook</AssemblyName></PropertyGroup>
</Project>
XML
cat > "$work/hook/StartupHook.cs" <<'CS'
using System;
using System.Diagnostics;
using System.Threading;
internal static class StartupHook
{
    private static long _peak;
    public static void Initialize()
    {
        var timer = new Thread(() => { while (true) { var heap = GC.GetGCMemoryInfo().HeapSizeBytes; if (heap > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, heap); Thread.Sleep(10); } }) { IsBackground = true };
        timer.Start();
        var watch = Stopwatch.StartNew();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            var process = Process.GetCurrentProcess();
            Console.Error.WriteLine(FormattableString.Invariant(
                $"GCREPORT wall={watch.Elapsed.TotalSeconds:F2}s cpu={process.TotalProcessorTime.TotalSeconds:F2}s peakHeap={Interlocked.Read(ref _peak) / 1048576.0:F0}MB gcPause={GC.GetTotalPauseDuration().TotalMilliseconds:F0}ms gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} allocated={GC.GetTotalAllocatedBytes() / 1048576.0:F0}MB"));
        };
    }
}
CS
dotnet build "$work/hook" -c Release -o "$work/hook/out" -nologo -v q > "$work/hook/build.log" || { cat "$work/hook/build.log"; exit 1; }

for query in "${queries[@]}"; do
  sed -e "s/\${EVENTS_NUM}/$events/" -e "s/\${TPS}/$tps/g" "$here/ddl.sql" > "$work/$query.sql"
  cat "$here/$query.sql" >> "$work/$query.sql"
  for ((run = 1; run <= runs; run++)); do
    report="$(DOTNET_gcServer=0 DOTNET_STARTUP_HOOKS="$work/hook/out/GcReportHook.dll" dotnet "$dll" run "$work/$query.sql" 2>&1 >/dev/null | grep GCREPORT || true)"
    echo "$query events=$events ${report#GCREPORT }"
  done
done
