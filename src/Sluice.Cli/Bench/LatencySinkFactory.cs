using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Cli.Bench;

/// <summary>
/// The benchmark's <c>bench-latency</c> sink for latency mode: discards rows like <c>blackhole</c>, and for tables with a
/// <c>dateTime</c> TIMESTAMP column records, per row, the sink's clock minus that event time. A paced Nexmark source
/// emits each event when the clock reaches its event time, so this is the latency from an event's creation to the sink.
/// </summary>
internal sealed class LatencySinkFactory(LatencyRecorder recorder, TimeProvider clock) : ITableSinkFactory
{
    public const string ConnectorName = "bench-latency";

    private static readonly ConnectorDescriptor ConnectorDescriptor = new(ConnectorName, DescriptorKind.Connector,
        "Discards rows and records the latency of their dateTime column.", []);

    public string Name => ConnectorName;

    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var column = -1;
        for (var i = 0; i < context.Schema.Count; i++)
        {
            if (string.Equals(context.Schema[i].Name, "dateTime", StringComparison.OrdinalIgnoreCase)
                && context.Schema[i].DataType.TypeId is TypeId.Timestamp or TypeId.TimestampLtz)
            {
                column = i;
            }
        }

        return new TableSink(context.Schema, ChangelogMode.All, new SinkHandle<string>(new Sink(recorder, clock, column)));
    }

    private sealed class Sink(LatencyRecorder recorder, TimeProvider clock, int column) : ISink<string>
    {
        public ITypeSerializer<string> CommittableSerializer => Serializers.String;

        public ISinkWriter<string> CreateWriter(SinkContext context) => new Writer(recorder, clock, column);

        public ISinkCommitter<string> CreateCommitter(SinkContext context) => new Committer();
    }

    private sealed class Writer(LatencyRecorder recorder, TimeProvider clock, int column) : ISinkWriter<string>
    {
        public void Write(IBatch batch)
        {
            if (column < 0 || batch is not RecordBatch rows || rows.Column(column) is not PrimitiveVector<long> times)
            {
                return;
            }

            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            for (var i = 0; i < rows.RowCount; i++)
            {
                var row = rows.PhysicalRow(i);
                if (!times.IsNull(row))
                {
                    recorder.Record(now - (times[row] / 1000));
                }
            }
        }

        public IReadOnlyList<string> PrepareCommit(long checkpointId) => [];

        public void Dispose()
        {
        }
    }

    private sealed class Committer : ISinkCommitter<string>
    {
        public void Commit(IReadOnlyList<string> committables)
        {
        }

        public void AbortLeftovers(string currentAttemptId)
        {
        }
    }
}
