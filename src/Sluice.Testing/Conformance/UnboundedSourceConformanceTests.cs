using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

using Xunit;

namespace Sluice.Testing.Conformance;

/// <summary>
/// The conformance kit of an unbounded source connector, driven through the SPI (and, for watermarks, the runtime's
/// source operator): the rows present when it starts are emitted exactly once and the source does not end; a snapshot
/// taken between polls, serialized, and restored into new readers (at the same or another parallelism) resumes without
/// losing or repeating a row; a split that produces nothing for the idleness timeout no longer holds back the
/// watermark, and a source without data goes idle. A connector's test class supplies an unbounded source over known rows.
/// </summary>
/// <remarks>
/// <para>Unlike <see cref="SourceConformanceTests{TSplit}"/>, the readers never end, so each read polls until the
/// expected number of rows arrived (waiting up to <see cref="ReadTimeout"/> in real time, for sources that fetch in the
/// background), then polls <see cref="ExtraPolls"/> more rounds to catch rows emitted twice.</para>
/// <para>Event time is not needed: the watermark check uses a generator whose watermark is the number of batches its
/// split emitted, and the runtime's per-split idleness with the injected <see cref="ManualTimeProvider"/>. It is the
/// most telling for a source with at least one split that stays empty next to splits with rows (a Kafka topic with an
/// empty partition); for a source with one split it checks that the split's watermark is emitted and that the source
/// goes idle.</para>
/// </remarks>
/// <typeparam name="TSplit">The source's split type.</typeparam>
public abstract class UnboundedSourceConformanceTests<TSplit>
    where TSplit : ISourceSplit
{
    private static readonly TimeSpan IdleTimeout = WatermarkProbe<TSplit>.DefaultIdleTimeout;

    /// <summary>
    /// Creates an unbounded source; every call must describe the same rows, and a fresh start must read exactly
    /// <see cref="ExpectedRows"/> (nothing is added while a test runs). A restore creates a new instance.
    /// </summary>
    protected abstract ISource<TSplit> CreateSource();

    /// <summary>Every row a fresh start reads, in Flink's notation (<c>+I[1, a]</c>); order does not matter.</summary>
    protected abstract IReadOnlyList<string> ExpectedRows { get; }

    /// <summary>How long a read may take in real time until every expected row arrived.</summary>
    protected virtual TimeSpan ReadTimeout => TimeSpan.FromSeconds(60);

    /// <summary>The polling rounds after the last expected row that must bring nothing new.</summary>
    protected virtual int ExtraPolls => 20;

    /// <summary>Reading what is there emits every row once, and no reader that has a split ends.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ReadAvailable_Unbounded_EmitsEveryRowOnceAndDoesNotEnd(int parallelism)
    {
        var source = CreateSource();
        using var run = new Run(this, source, parallelism, ConformanceChecks.Assign(source.DiscoverSplits(parallelism), parallelism));

        run.PollUntilRows(ExpectedRows.Count);
        run.PollRounds(ExtraPolls);

        ConformanceChecks.AssertSameRows(ExpectedRows, run.Rows);
        run.AssertNoSplitHoldingReaderEnded();
    }

    /// <summary>A snapshot, a crash (rows after the snapshot are lost) and a restore at another parallelism lose and repeat nothing.</summary>
    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(1, 2, 2)]
    [InlineData(2, 3, 1)]
    [InlineData(2, 6, 2)]
    public void SnapshotAndRestore_MidStream_ResumesWithoutLossOrDuplicates(int parallelism, int pollsBeforeSnapshot, int restoredParallelism)
    {
        var source = CreateSource();
        List<string> beforeSnapshot;
        List<TSplit> snapshot;
        using (var first = new Run(this, source, parallelism, ConformanceChecks.Assign(source.DiscoverSplits(parallelism), parallelism)))
        {
            first.PollRounds(pollsBeforeSnapshot);
            snapshot = [.. first.Readers.SelectMany(r => r.SnapshotState(1))];
            beforeSnapshot = [.. first.Rows];

            // Rows emitted after the snapshot are lost with the failed attempt: only what the snapshot covers survives.
            first.PollRounds(1);
        }

        var restoredSource = CreateSource();
        var restored = ConformanceChecks.RoundTrip(restoredSource.SplitSerializer, snapshot);
        using var second = new Run(this, restoredSource, restoredParallelism, ConformanceChecks.Assign(restored, restoredParallelism));
        second.PollUntilRows(ExpectedRows.Count - beforeSnapshot.Count);
        second.PollRounds(ExtraPolls);

        ConformanceChecks.AssertSameRows(ExpectedRows, [.. beforeSnapshot, .. second.Rows]);
        second.AssertNoSplitHoldingReaderEnded();
    }

    /// <summary>Readers restored from a snapshot taken after everything was read emit nothing again.</summary>
    [Fact]
    public void SnapshotAndRestore_AfterReadingEverything_EmitsNothingAgain()
    {
        var source = CreateSource();
        List<TSplit> snapshot;
        using (var first = new Run(this, source, 1, ConformanceChecks.Assign(source.DiscoverSplits(1), 1)))
        {
            first.PollUntilRows(ExpectedRows.Count);
            snapshot = [.. first.Readers.SelectMany(r => r.SnapshotState(1))];
            first.Readers[0].NotifyCheckpointComplete(1);
        }

        Assert.NotEmpty(snapshot); // an unbounded source's splits never finish
        var restoredSource = CreateSource();
        using var second = new Run(this, restoredSource, 1, ConformanceChecks.Assign(ConformanceChecks.RoundTrip(restoredSource.SplitSerializer, snapshot), 1));
        second.PollRounds(ExtraPolls);

        Assert.Empty(second.Rows);
        second.AssertNoSplitHoldingReaderEnded();
    }

    /// <summary>Readers disposed in the middle of reading release what they hold; a fresh run afterwards reads everything.</summary>
    [Fact]
    public void Dispose_MidStream_ReleasesTheReaders_AndAFreshRunReadsEverything()
    {
        var source = CreateSource();
        using (var first = new Run(this, source, 2, ConformanceChecks.Assign(source.DiscoverSplits(2), 2)))
        {
            first.PollRounds(2);
        }

        var again = CreateSource();
        using var second = new Run(this, again, 2, ConformanceChecks.Assign(again.DiscoverSplits(2), 2));
        second.PollUntilRows(ExpectedRows.Count);
        second.PollRounds(ExtraPolls);

        ConformanceChecks.AssertSameRows(ExpectedRows, second.Rows);
    }

    /// <summary>
    /// Per-split idleness: while a split that emitted nothing is not yet idle it holds the source's watermark back;
    /// once it produced nothing for the idleness timeout (on the injected clock) the watermark is the minimum over the
    /// splits with data; when no split produced anything for the timeout the source is idle.
    /// </summary>
    [Fact]
    public void Watermarks_SplitWithoutDataForTheIdleTimeout_NoLongerHoldsBackTheWatermark()
    {
        // Not yet idle: every split counts, so an empty split holds the watermark back.
        using (var held = new WatermarkProbe<TSplit>(CreateSource(), IdleTimeout, ReadTimeout))
        {
            held.PollUntilRows(ExpectedRows.Count);
            held.EmitPeriodicWatermark();

            var counts = held.BatchesPerSplit();
            Assert.True(counts.Values.Any(c => c > 0), "the source emitted no batch");
            if (counts.Values.Any(c => c == 0))
            {
                Assert.Empty(held.Watermarks);
            }
            else
            {
                Assert.Equal(new long[] { counts.Values.Min() }, held.Watermarks);
            }

            Assert.DoesNotContain(true, held.IdleChanges);
        }

        // The splits without data have been silent for the timeout when the data arrives: they are left out.
        using var idle = new WatermarkProbe<TSplit>(CreateSource(), IdleTimeout, ReadTimeout);
        idle.AdvanceClock(IdleTimeout);
        idle.PollUntilRows(ExpectedRows.Count);
        idle.EmitPeriodicWatermark();

        var withData = idle.BatchesPerSplit().Values.Where(c => c > 0).ToList();
        Assert.NotEmpty(withData);
        Assert.Equal(new long[] { withData.Min() }, idle.Watermarks);
        Assert.DoesNotContain(true, idle.IdleChanges);

        // Nothing more for the timeout: every split is idle, so the source is, and its watermark stays where it was.
        idle.AdvanceClock(IdleTimeout);
        idle.PollRounds(ExtraPolls);
        idle.EmitPeriodicWatermark();

        Assert.Equal(new[] { true }, idle.IdleChanges);
        Assert.Equal(new long[] { withData.Min() }, idle.Watermarks);
    }

    /// <summary>The supplied source is unbounded.</summary>
    [Fact]
    public void Boundedness_OfTheSuppliedSource_IsUnbounded()
    {
        Assert.Equal(Boundedness.Unbounded, CreateSource().Boundedness);
    }

    /// <summary>Split discovery is deterministic and split ids are unique, so a restored job finds its splits.</summary>
    [Fact]
    public void DiscoverSplits_TwoInstances_SameUniqueSplitIds()
    {
        var ids = CreateSource().DiscoverSplits(2).Select(s => s.SplitId).ToList();

        Assert.Equal(ids, CreateSource().DiscoverSplits(2).Select(s => s.SplitId));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>One attempt: a reader per subtask with its splits, polled round-robin.</summary>
    private sealed class Run : ISourceOutput, IDisposable
    {
        private readonly UnboundedSourceConformanceTests<TSplit> _kit;
        private readonly bool[] _hasSplits;
        private readonly bool[] _ended;

        public Run(UnboundedSourceConformanceTests<TSplit> kit, ISource<TSplit> source, int parallelism, List<TSplit>[] assigned)
        {
            _kit = kit;
            Readers = new ISourceReader<TSplit>[parallelism];
            _hasSplits = new bool[parallelism];
            _ended = new bool[parallelism];
            for (var i = 0; i < parallelism; i++)
            {
                Readers[i] = source.CreateReader(new SourceReaderContext(i, parallelism, TimeProvider.System));
                Readers[i].AddSplits(assigned[i]);
                _hasSplits[i] = assigned[i].Count > 0;
            }
        }

        public ISourceReader<TSplit>[] Readers { get; }

        public List<string> Rows { get; } = [];

        public void Emit(string splitId, IBatch batch)
        {
            using var records = Assert.IsType<RecordBatch>(batch);
            Assert.True(records.RowCount > 0, $"split {splitId} emitted an empty batch");
            Rows.AddRange(records.ToRowStrings());
        }

        public void SplitFinished(string splitId)
        {
            // A split of an unbounded source may still finish (a helper split without rows, or a partition that was removed).
        }

        /// <summary>Polls every reader that has not ended once; true when any emitted or has more.</summary>
        public bool PollRound()
        {
            var progress = false;
            for (var i = 0; i < Readers.Length; i++)
            {
                if (_ended[i])
                {
                    continue;
                }

                var status = Readers[i].PollNext(this);
                _ended[i] = status == InputStatus.EndOfInput;
                progress |= status == InputStatus.MoreAvailable;
            }

            return progress;
        }

        public void PollRounds(int rounds)
        {
            for (var r = 0; r < rounds; r++)
            {
                PollRound();
            }
        }

        public void PollUntilRows(int count) =>
            Polling.Until(PollRound, () => Rows.Count >= count, _kit.ReadTimeout, () => $"{Rows.Count} of {count} rows");

        public void AssertNoSplitHoldingReaderEnded()
        {
            for (var i = 0; i < Readers.Length; i++)
            {
                Assert.False(_hasSplits[i] && _ended[i], $"the reader of subtask {i} ended although its source is unbounded");
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
