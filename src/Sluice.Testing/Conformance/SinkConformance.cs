using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.Testing.Conformance;

/// <summary>
/// The sink conformance kit: drives a table sink's writers and committers through the two-phase-commit protocol
/// the runtime uses, with crashes in its worst places, and checks what became visible in the external system.
/// Every check throws a <see cref="ConformanceException"/> that says what broke.
/// </summary>
/// <remarks>
/// <para><b>The crash script</b> (<see cref="SurvivesCrashes"/>), one subtask, four batches b0..b3 with distinct rows:
/// attempt 1 writes b0, pre-commits checkpoint 1 (nothing may be visible yet), commits it; writes b1, pre-commits
/// checkpoint 2, which completes, and dies before committing it, with b2 written after the barrier. Attempt 2
/// commits the restored committables of checkpoint 2 (through the committable serializer), aborts leftovers,
/// commits them again (idempotence), replays b2, writes b3, pre-commits checkpoint 3 and dies before it
/// completes. Attempt 3 restores checkpoint 2 again, aborts leftovers, replays b2 and b3, finishes and commits.
/// Crashed writers are not disposed until the end, as a dead process would not have cleaned up.</para>
/// <para><b>Guarantees.</b> <see cref="SinkGuarantee.ExactlyOnce"/>: nothing is visible before its commit and the
/// final contents are b0..b3 exactly once. <see cref="SinkGuarantee.AtLeastOnce"/>: at every check, every committed row
/// is visible (possibly more than once, or before its commit) and nothing outside b0..b3 is; idempotent upsert sinks
/// show each row once.</para>
/// </remarks>
public static class SinkConformance
{
    /// <summary>Runs the crash script against <paramref name="table"/> and checks what <paramref name="readVisible"/> sees.</summary>
    /// <param name="table">The table sink (its consumed schema must fit <paramref name="rows"/>).</param>
    /// <param name="rows">At least four rows (distinct, and with distinct keys for upsert sinks); they are spread over b0..b3.</param>
    /// <param name="readVisible">Reads what a consumer of the external system sees now, as <c>[v1, v2]</c> strings
    /// (the form of <see cref="RecordBatch.ToRowStrings"/> without the row kind).</param>
    /// <param name="guarantee">What the sink promises.</param>
    /// <param name="time">The processing-time clock of writers and committers.</param>
    /// <exception cref="ConformanceException">The sink broke its guarantee; the message says where in the script.</exception>
    public static void SurvivesCrashes(ITableSink table, IReadOnlyList<object?[]> rows, Func<IReadOnlyList<string>> readVisible,
        SinkGuarantee guarantee = SinkGuarantee.ExactlyOnce, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(readVisible);
        if (rows.Count < 4)
        {
            throw new ArgumentException("The crash script needs at least four rows.", nameof(rows));
        }

        table.Sink.Accept(new CrashScript(table, rows, readVisible, guarantee, time ?? TimeProvider.System));
    }

    private sealed class CrashScript(ITableSink table, IReadOnlyList<object?[]> rows, Func<IReadOnlyList<string>> readVisible,
        SinkGuarantee guarantee, TimeProvider time) : ISinkVisitor<bool>
    {
        private readonly List<IDisposable> _crashed = [];
        private HashSet<string> _written = [];

        public bool Visit<TCommittable>(ISink<TCommittable> sink)
        {
            var batches = Enumerable.Range(0, 4).Select(b => rows.Where((_, i) => i % 4 == b).ToList()).ToArray();
            _written = batches.SelectMany(Strings).ToHashSet(StringComparer.Ordinal);
            var expected = new List<string>();
            try
            {
                // Attempt 1.
                var committer1 = sink.CreateCommitter(Context("attempt-1"));
                var writer1 = sink.CreateWriter(Context("attempt-1"));
                _crashed.Add(writer1);
                Write(writer1, batches[0]);
                var c1 = writer1.PrepareCommit(1);
                if (guarantee == SinkGuarantee.ExactlyOnce)
                {
                    Expect([], "after the pre-commit of checkpoint 1, before its commit");
                }

                committer1.Commit(c1);
                expected.AddRange(Strings(batches[0]));
                Expect(expected, "after committing checkpoint 1");
                Write(writer1, batches[1]);
                var c2 = RoundTrip(sink, writer1.PrepareCommit(2));
                Write(writer1, batches[2]);
                if (guarantee == SinkGuarantee.ExactlyOnce)
                {
                    Expect(expected, "after the pre-commit of checkpoint 2 and more writes, before its commit");
                }

                // Attempt 2: checkpoint 2 completed, but its commit never happened.
                var committer2 = sink.CreateCommitter(Context("attempt-2"));
                committer2.Commit(c2);
                committer2.AbortLeftovers("attempt-2");
                expected.AddRange(Strings(batches[1]));
                Expect(expected, "after attempt 2 committed the restored checkpoint 2 and aborted leftovers");
                committer2.Commit(c2);
                committer2.Commit(c1);
                Expect(expected, "after committing checkpoints 1 and 2 once more (commits must be idempotent)");
                var writer2 = sink.CreateWriter(Context("attempt-2"));
                _crashed.Add(writer2);
                Write(writer2, batches[2]);
                Write(writer2, batches[3]);
                _ = RoundTrip(sink, writer2.PrepareCommit(3));

                // Attempt 3: checkpoint 3 never completed; restore checkpoint 2 again.
                var committer3 = sink.CreateCommitter(Context("attempt-3"));
                committer3.Commit(c2);
                committer3.AbortLeftovers("attempt-3");
                Expect(expected, "after attempt 3 aborted the leftovers of attempt 2 (pre-committed, never completed)");
                using (var writer3 = sink.CreateWriter(Context("attempt-3")))
                {
                    Write(writer3, batches[2]);
                    Write(writer3, batches[3]);
                    writer3.Finish();
                    committer3.Commit(writer3.PrepareCommit(4));
                }

                expected.AddRange(Strings(batches[2]));
                expected.AddRange(Strings(batches[3]));
                Expect(expected, "at the end");
                return true;
            }
            finally
            {
                foreach (var writer in _crashed)
                {
                    try
                    {
                        writer.Dispose();
                    }
#pragma warning disable CA1031 // A crashed attempt's writer may have been fenced off; its disposal may fail.
                    catch (Exception)
#pragma warning restore CA1031
                    {
                    }
                }
            }
        }

        private SinkContext Context(string attempt) => new(0, 1, attempt, time);

        private void Write<TCommittable>(ISinkWriter<TCommittable> writer, List<object?[]> batchRows)
        {
            using var batch = Batch(batchRows);
            writer.Write(batch);
        }

        private List<string> Strings(List<object?[]> batchRows)
        {
            using var batch = Batch(batchRows);
            return batch.ToRowStrings().Select(s => s[2..]).ToList();
        }

        private RecordBatch Batch(List<object?[]> batchRows)
        {
            using var builder = new RecordBatchBuilder(table.ConsumedSchema);
            foreach (var row in batchRows)
            {
                builder.AppendRow(row);
            }

            return builder.Build();
        }

        private static IReadOnlyList<TCommittable> RoundTrip<TCommittable>(ISink<TCommittable> sink, IReadOnlyList<TCommittable> committables) =>
            committables.Select(c =>
            {
                var writer = new BinaryBufferWriter();
                sink.CommittableSerializer.Serialize(c, writer);
                return sink.CommittableSerializer.Deserialize(new BinaryBufferReader(writer.ToArray()));
            }).ToList();

        private void Expect(List<string> expected, string when)
        {
            var visible = readVisible().OrderBy(s => s, StringComparer.Ordinal).ToList();
            var sorted = expected.OrderBy(s => s, StringComparer.Ordinal).ToList();
            if (guarantee == SinkGuarantee.AtLeastOnce)
            {
                var missing = sorted.Except(visible, StringComparer.Ordinal).ToList();
                var foreign = visible.Where(v => !_written.Contains(v)).Distinct(StringComparer.Ordinal).ToList();
                if (missing.Count > 0 || foreign.Count > 0)
                {
                    throw new ConformanceException(
                        $"{when}: {missing.Count} committed rows are not visible (e.g. {string.Join(", ", missing.Take(3))}) and "
                        + $"{foreign.Count} visible rows were never written (e.g. {string.Join(", ", foreign.Take(3))}).");
                }

                return;
            }

            if (!sorted.SequenceEqual(visible, StringComparer.Ordinal))
            {
                throw new ConformanceException($"Exactly-once broken {when}: visible [{string.Join(", ", visible)}], expected [{string.Join(", ", sorted)}].");
            }
        }
    }
}
