using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin.Datagen;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Builtin.Tests.Datagen;

/// <summary>Creates datagen sources through the registry and reads them with readers driven by hand.</summary>
internal static class DatagenTestSupport
{
    public static readonly DateTimeOffset Start = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static DatagenSource Create(Schema schema, params (string Key, string Value)[] options)
    {
        var all = options.ToDictionary(o => o.Key, o => o.Value);
        all["connector"] = "datagen";
        var table = new ConnectorRegistry().AddBuiltinConnectors().CreateSource(new TableContext("t", schema, all) { Clock = new FixedClock(Start) });
        return (DatagenSource)Assert.IsType<SourceHandle<DatagenSplit>>(table.Source).Source;
    }

    /// <summary>Reads the source to its end with one reader per subtask; returns the rows of each reader.</summary>
    public static List<string>[] ReadAll(DatagenSource source, int parallelism)
    {
        var splits = source.DiscoverSplits(parallelism);
        var rows = new List<string>[parallelism];
        for (var i = 0; i < parallelism; i++)
        {
            var output = new Output();
            // A clock that moves one second per reading, so the rows-per-second throttle never holds the reader back.
            using var reader = source.CreateReader(new SourceReaderContext(i, parallelism, new SteppingClock()));
            reader.AddSplits(splits.Where((_, index) => index % parallelism == i).ToList());
            for (var polls = 0; reader.PollNext(output) != InputStatus.EndOfInput; polls++)
            {
                Assert.True(polls < 100_000, "the bounded source did not end");
            }

            rows[i] = output.Rows;
        }

        return rows;
    }

    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks += TimeSpan.TicksPerSecond;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    internal sealed class Output : ISourceOutput
    {
        public List<string> Rows { get; } = [];

        public List<int> BatchSizes { get; } = [];

        public void Emit(string splitId, IBatch batch)
        {
            using var records = (RecordBatch)batch;
            BatchSizes.Add(records.RowCount);
            Rows.AddRange(records.ToRowStrings());
        }

        public void SplitFinished(string splitId)
        {
        }
    }
}
