using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

using Xunit;

namespace Sluice.Testing.Conformance;

/// <summary>
/// The conformance kit of a source connector, driven through the SPI alone (no runtime): a bounded read emits every
/// row exactly once and ends; a snapshot taken between polls, serialized, and restored into new readers (at the same
/// or another parallelism) resumes without losing or repeating a row. A connector's test class supplies a bounded
/// source with known rows.
/// </summary>
/// <remarks>
/// Every source connector's test project derives a class from it (filesystem, datagen, kafka, postgres, nexmark). Besides
/// the runs, a restored reader set must resume where the snapshot was, readers disposed in the middle of reading must
/// release what they hold (a fresh run afterwards reads everything), a reader without data must return from
/// <c>PollNext</c> instead of blocking the task thread, and splits silent for the idle timeout must not hold back the
/// watermark (checked in the runtime's source operator on a manual clock). Unbounded sources derive from
/// <see cref="UnboundedSourceConformanceTests{TSplit}"/> instead. Bad options are checked with
/// <see cref="OptionConformance"/>, sinks with <see cref="SinkConformance"/>.
/// </remarks>
/// <typeparam name="TSplit">The source's split type.</typeparam>
public abstract class SourceConformanceTests<TSplit>
    where TSplit : ISourceSplit
{
    private const int MaxPolls = 100_000;

    /// <summary>Creates a bounded source; every call must describe the same rows (a restore creates a new instance).</summary>
    protected abstract ISource<TSplit> CreateSource();

    /// <summary>Every row the source emits, in Flink's notation (<c>+I[1, a]</c>); order does not matter.</summary>
    protected abstract IReadOnlyList<string> ExpectedRows { get; }

    /// <summary>The processing-time clock the readers get.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>A bounded read at the given parallelism emits every row once and ends.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReadAll_Bounded_EmitsEveryRowOnceAndEnds(int parallelism)
    {
        var run = new Run(this, parallelism, ConformanceChecks.Assign(CreateSource().DiscoverSplits(parallelism), parallelism));

        run.PollToEnd();

        ConformanceChecks.AssertSameRows(ExpectedRows, run.Rows);
        run.Dispose();
    }

    /// <summary>Every split is reported finished and no reader keeps a split after the end.</summary>
    [Fact]
    public void ReadAll_Bounded_ReportsEverySplitFinished()
    {
        var splits = CreateSource().DiscoverSplits(2);
        var run = new Run(this, 2, ConformanceChecks.Assign(splits, 2));

        run.PollToEnd();

        Assert.Equal(splits.Select(s => s.SplitId).Order(StringComparer.Ordinal), run.Finished.Order(StringComparer.Ordinal));
        Assert.All(run.Readers, r => Assert.Empty(r.SnapshotState(99)));
        run.Dispose();
    }

    /// <summary>A snapshot, a crash (rows after the snapshot are lost) and a restore at another parallelism lose and repeat nothing.</summary>
    [Theory]
    [InlineData(2, 0, 2)]
    [InlineData(2, 1, 2)]
    [InlineData(2, 3, 2)]
    [InlineData(2, 5, 1)]
    [InlineData(1, 2, 3)]
    [InlineData(3, 4, 2)]
    public void SnapshotAndRestore_MidStream_ResumesWithoutLossOrDuplicates(int parallelism, int pollsBeforeSnapshot, int restoredParallelism)
    {
        var first = new Run(this, parallelism, ConformanceChecks.Assign(CreateSource().DiscoverSplits(parallelism), parallelism));
        first.PollEach(pollsBeforeSnapshot);
        var snapshot = first.Readers.SelectMany(r => r.SnapshotState(1)).ToList();

        // Rows emitted after the snapshot are lost with the failed attempt: only what the snapshot covers survives.
        var beforeSnapshot = first.Rows.ToList();
        first.PollEach(1);
        first.Dispose();

        var source = CreateSource();
        var restored = ConformanceChecks.RoundTrip(source.SplitSerializer, snapshot);
        var second = new Run(this, restoredParallelism, ConformanceChecks.Assign(restored, restoredParallelism), source);
        second.PollToEnd();
        second.Dispose();

        ConformanceChecks.AssertSameRows(ExpectedRows, beforeSnapshot.Concat(second.Rows).ToList());
    }

    /// <summary>A restore after every poll still reads every row exactly once.</summary>
    [Fact]
    public void SnapshotAndRestore_Repeatedly_ResumesWithoutLossOrDuplicates()
    {
        var splits = (IReadOnlyList<TSplit>)CreateSource().DiscoverSplits(2);
        var rows = new List<string>();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var source = CreateSource();
            var run = new Run(this, 2, ConformanceChecks.Assign(ConformanceChecks.RoundTrip(source.SplitSerializer, splits), 2), source);
            var ended = run.PollEach(1);
            rows.AddRange(run.Rows);
            splits = run.Readers.SelectMany(r => r.SnapshotState(attempt)).ToList();
            run.Dispose();
            if (ended)
            {
                break;
            }
        }

        Assert.Empty(splits);
        ConformanceChecks.AssertSameRows(ExpectedRows, rows);
    }

    /// <summary>Split discovery is deterministic, so a restored job finds its splits.</summary>
    [Fact]
    public void DiscoverSplits_TwoInstances_SameSplitIds()
    {
        Assert.Equal(CreateSource().DiscoverSplits(2).Select(s => s.SplitId), CreateSource().DiscoverSplits(2).Select(s => s.SplitId));
    }

    /// <summary>Split ids are unique within the source.</summary>
    [Fact]
    public void SplitIds_AreUnique()
    {
        var ids = CreateSource().DiscoverSplits(3).Select(s => s.SplitId).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The supplied source is bounded (the kit reads to the end).</summary>
    [Fact]
    public void Boundedness_OfTheSuppliedSource_IsBounded()
    {
        Assert.Equal(Boundedness.Bounded, CreateSource().Boundedness);
    }

    /// <summary>Readers disposed in the middle of reading release what they hold; a fresh run afterwards reads everything.</summary>
    [Fact]
    public void Dispose_MidStream_ReleasesTheReaders_AndAFreshRunReadsEverything()
    {
        var first = new Run(this, 2, ConformanceChecks.Assign(CreateSource().DiscoverSplits(2), 2));
        first.PollEach(2);
        first.Dispose();

        var second = new Run(this, 2, ConformanceChecks.Assign(CreateSource().DiscoverSplits(2), 2));
        second.PollToEnd();
        second.Dispose();

        ConformanceChecks.AssertSameRows(ExpectedRows, second.Rows);
    }

    /// <summary>
    /// Per-split watermark idleness on the injected clock: when no split produced anything for the idle timeout, the
    /// source is idle and emits no watermark; once splits emit, the watermark is the minimum over the splits that emitted
    /// within the timeout and have not finished, and the splits still silent no longer hold it back.
    /// </summary>
    [Fact]
    public void Watermarks_SplitsWithoutDataForTheIdleTimeout_NoLongerHoldBackTheWatermark()
    {
        using var probe = new WatermarkProbe<TSplit>(CreateSource(), WatermarkProbe<TSplit>.DefaultIdleTimeout, TimeSpan.FromSeconds(60));
        probe.AdvanceClock(WatermarkProbe<TSplit>.DefaultIdleTimeout);
        probe.EmitPeriodicWatermark();

        Assert.Equal(new[] { true }, probe.IdleChanges);
        Assert.Empty(probe.Watermarks);

        Polling.Until(() => probe.Poll() == InputStatus.MoreAvailable, () => probe.Rows > 0, TimeSpan.FromSeconds(60), () => "no row yet");
        probe.EmitPeriodicWatermark();

        var unfinished = probe.BatchesPerSplit();
        var active = unfinished.Values.Where(c => c > 0).ToList();
        if (active.Count > 0)
        {
            Assert.Equal(new long[] { active.Min() }, probe.Watermarks);
        }
        else
        {
            Assert.Empty(probe.Watermarks); // the splits that emitted have finished; the silent ones are idle
        }

        Assert.Equal(active.Count == 0 && unfinished.Count > 0, probe.IdleChanges[^1]);
    }

    /// <summary>A reader without splits returns from PollNext and ends instead of blocking.</summary>
    [Fact]
    public async Task PollNext_ReaderWithoutSplits_ReturnsAtOnceAndEnds()
    {
        // A subtask may get no split at all (more subtasks than splits): its reader must end, not wait forever.
        var source = CreateSource();
        var reader = source.CreateReader(new SourceReaderContext(0, 1, Clock));
        try
        {
            reader.AddSplits([]);
            var poll = Task.Run(() => reader.PollNext(new Run(this, 0, [], source)));
            var status = await poll.WaitAsync(TimeSpan.FromSeconds(60)); // TimeoutException: PollNext blocked the task thread
            Assert.Equal(InputStatus.EndOfInput, status);
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>One attempt: a reader per subtask with its splits, polled round-robin.</summary>
    private sealed class Run : ISourceOutput, IDisposable
    {
        private readonly bool[] _ended;

        public Run(SourceConformanceTests<TSplit> kit, int parallelism, List<TSplit>[] assigned, ISource<TSplit>? source = null)
        {
            source ??= kit.CreateSource();
            Readers = new ISourceReader<TSplit>[parallelism];
            _ended = new bool[parallelism];
            for (var i = 0; i < parallelism; i++)
            {
                Readers[i] = source.CreateReader(new SourceReaderContext(i, parallelism, kit.Clock));
                Readers[i].AddSplits(assigned[i]);
            }
        }

        public ISourceReader<TSplit>[] Readers { get; }

        public List<string> Rows { get; } = [];

        public List<string> Finished { get; } = [];

        public void Emit(string splitId, IBatch batch)
        {
            using var records = Assert.IsType<RecordBatch>(batch);
            Assert.True(records.RowCount > 0, $"split {splitId} emitted an empty batch");
            Rows.AddRange(records.ToRowStrings());
        }

        public void SplitFinished(string splitId) => Finished.Add(splitId);

        /// <summary>Polls every reader that has not ended <paramref name="polls"/> times; true when all ended.</summary>
        public bool PollEach(int polls)
        {
            for (var p = 0; p < polls; p++)
            {
                for (var i = 0; i < Readers.Length; i++)
                {
                    if (!_ended[i])
                    {
                        _ended[i] = Readers[i].PollNext(this) == InputStatus.EndOfInput;
                    }
                }
            }

            return _ended.All(e => e);
        }

        public void PollToEnd()
        {
            for (var polls = 0; !PollEach(1); polls++)
            {
                Assert.True(polls < MaxPolls, "the bounded source did not end");
            }
        }

        public void Dispose()
        {
            foreach (var reader in Readers)
            {
                reader.Dispose();
            }
        }
    }
}
