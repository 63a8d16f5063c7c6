using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Nexmark.Tests.Queries;

/// <summary>
/// The test-only <c>row-collect</c> sink: records every change (kind and boxed values) in arrival order. Not
/// transactional; the correctness tests run without failures, so every row arrives exactly once.
/// </summary>
internal sealed class RowCollectTableFactory : ITableSinkFactory
{
    public const string ConnectorName = "row-collect";

    private static readonly ConnectorDescriptor ConnectorDescriptor = new(ConnectorName, DescriptorKind.Connector, "Collects rows for a test.", []);
    private readonly Lock _lock = new();
    private readonly List<(RowKind Kind, object?[] Values)> _changes = [];

    public string Name => ConnectorName;

    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <summary>A copy of the changes so far.</summary>
    public IReadOnlyList<(RowKind Kind, object?[] Values)> Changes
    {
        get
        {
            lock (_lock)
            {
                return [.. _changes];
            }
        }
    }

    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TableSink(context.Schema, ChangelogMode.All, new SinkHandle<string>(new Sink(this)));
    }

    private sealed class Sink(RowCollectTableFactory owner) : ISink<string>
    {
        public ITypeSerializer<string> CommittableSerializer => Serializers.String;

        public ISinkWriter<string> CreateWriter(SinkContext context) => new Writer(owner);

        public ISinkCommitter<string> CreateCommitter(SinkContext context) => new Committer();
    }

    private sealed class Writer(RowCollectTableFactory owner) : ISinkWriter<string>
    {
        public void Write(IBatch batch)
        {
            var rows = (RecordBatch)batch;
            var changes = new List<(RowKind, object?[])>(rows.RowCount);
            for (var i = 0; i < rows.RowCount; i++)
            {
                var row = rows.PhysicalRow(i);
                var values = new object?[rows.ColumnCount];
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = rows.Column(c).GetValue(row);
                }

                changes.Add((rows.GetRowKind(row), values));
            }

            lock (owner._lock)
            {
                owner._changes.AddRange(changes);
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
