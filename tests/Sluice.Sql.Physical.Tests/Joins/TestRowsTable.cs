using System.Collections.Concurrent;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// A test connector <c>'connector' = 'test-rows'</c> over rows registered in process (<c>'data-id'</c>): a bounded
/// source emitting them in one batch (with their row kinds; <c>'changelog-mode' = 'upsert'</c> declares an upsert
/// source), and a lookup source answering from the same rows, counting its lookups.
/// </summary>
internal sealed class TestRowsTableFactory : ITableSourceFactory
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<(RowKind Kind, object?[] Values)>> Data = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int> LookupCounts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> ReadsById = new(StringComparer.Ordinal);

    public static ConnectorDescriptor ConnectorDescriptor { get; } = new("test-rows", DescriptorKind.Connector, "Rows registered by a test.",
    [
        ConnectorOption.Required("data-id", OptionType.String, "The id the rows were registered under."),
        ConnectorOption.Choice("changelog-mode", "The row kinds the source declares.", "insert", "insert", "upsert", "all"),
    ]);

    public string Name => "test-rows";

    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <summary>Registers rows (insert kinds) under a fresh id and returns the id.</summary>
    public static string Register(params object?[][] rows) => Register(rows.Select(r => (RowKind.Insert, r)).ToArray());

    /// <summary>Registers rows with kinds under a fresh id and returns the id.</summary>
    public static string Register(params (RowKind Kind, object?[] Values)[] rows)
    {
        var id = Guid.NewGuid().ToString("N");
        Data[id] = rows;
        return id;
    }

    /// <summary>How many key rows were looked up in the table registered as <paramref name="id"/>.</summary>
    public static int LookupCount(string id) => LookupCounts.GetValueOrDefault(id);

    /// <summary>
    /// What the planner said a job reads of the table registered as <paramref name="id"/> (<see cref="ColumnReads"/>'s
    /// text; "everything" when it passed none), at the last source it created.
    /// </summary>
    public static string? ReadsOf(string id) => ReadsById.GetValueOrDefault(id);

    public ITableSource CreateSource(TableContext context)
    {
        var id = context.Options["data-id"];
        ReadsById[id] = context.Reads?.ToString() ?? "everything";
        var rows = Data.TryGetValue(id, out var r) ? r : throw new TableOptionException($"No rows registered as '{id}'.", "data-id");
        var mode = context.GetOption("changelog-mode") switch
        {
            "upsert" => ChangelogMode.Upsert,
            "all" => ChangelogMode.All,
            _ => ChangelogMode.InsertOnly,
        };
        return new Table(context.Schema, mode, new SourceHandle<RowsSplit>(new RowsSource(context.Schema, rows)), id, rows);
    }

    private sealed class Table(Schema schema, ChangelogMode mode, ISourceHandle source, string id, IReadOnlyList<(RowKind Kind, object?[] Values)> rows)
        : ILookupTableSource
    {
        public Schema ProducedSchema => schema;

        public ChangelogMode ChangelogMode => mode;

        public ISourceHandle Source => source;

        public ILookupFunction CreateLookupFunction(IReadOnlyList<int> keyColumns) => new RowsLookup(schema, id, rows, keyColumns.ToArray());
    }

    private sealed class RowsLookup(Schema schema, string id, IReadOnlyList<(RowKind Kind, object?[] Values)> rows, int[] keyColumns) : ILookupFunction
    {
        private bool _open;

        public void Open(TimeProvider clock) => _open = true;

        public LookupResult Lookup(RecordBatch keys)
        {
            Assert.True(_open, "Lookup before Open");
            Assert.False(keys.HasSelection);
            LookupCounts.AddOrUpdate(id, keys.RowCount, (_, n) => n + keys.RowCount);
            using var builder = new RecordBatchBuilder(schema);
            var keyRows = new List<int>();
            for (var k = 0; k < keys.RowCount; k++)
            {
                var key = Enumerable.Range(0, keyColumns.Length).Select(c => keys.Column(c).GetValue(k)).ToArray();
                Assert.DoesNotContain(null, key);
                foreach (var (_, values) in rows)
                {
                    if (keyColumns.Select((column, c) => Equals(values[column], key[c])).All(x => x))
                    {
                        builder.AppendRow(values);
                        keyRows.Add(k);
                    }
                }
            }

            return new LookupResult(builder.Build(), [.. keyRows]);
        }

        public void Dispose()
        {
        }
    }

    private sealed record RowsSplit(string SplitId, bool Done) : ISourceSplit;

    private sealed class RowsSource(Schema schema, IReadOnlyList<(RowKind Kind, object?[] Values)> rows) : ISource<RowsSplit>
    {
        public Boundedness Boundedness => Boundedness.Bounded;

        public ITypeSerializer<RowsSplit> SplitSerializer { get; } = new SplitSerializerImpl();

        public IReadOnlyList<RowsSplit> DiscoverSplits(int parallelism) => [new RowsSplit("rows", false)];

        public ISourceReader<RowsSplit> CreateReader(SourceReaderContext context) => new Reader(schema, rows);

        private sealed class Reader(Schema schema, IReadOnlyList<(RowKind Kind, object?[] Values)> rows) : ISourceReader<RowsSplit>
        {
            private readonly List<RowsSplit> _splits = [];

            public void AddSplits(IReadOnlyList<RowsSplit> splits) => _splits.AddRange(splits);

            public InputStatus PollNext(ISourceOutput output)
            {
                var index = _splits.FindIndex(s => !s.Done);
                if (index < 0)
                {
                    return InputStatus.EndOfInput; // also with no split at all: a bounded reader without splits has ended
                }

                if (rows.Count > 0)
                {
                    using var builder = new RecordBatchBuilder(schema);
                    foreach (var (kind, values) in rows)
                    {
                        builder.AppendRow(kind, values);
                    }

                    output.Emit(_splits[index].SplitId, builder.Build());
                }

                output.SplitFinished(_splits[index].SplitId);
                _splits[index] = _splits[index] with { Done = true };
                return InputStatus.MoreAvailable;
            }

            public IReadOnlyList<RowsSplit> SnapshotState(long checkpointId) => _splits.Where(s => !s.Done).ToList();

            public void Dispose()
            {
            }
        }
    }

    private sealed class SplitSerializerImpl : ITypeSerializer<RowsSplit>
    {
        public void Serialize(RowsSplit value, BinaryBufferWriter writer)
        {
            writer.WriteString(value.SplitId);
            writer.WriteBoolean(value.Done);
        }

        public RowsSplit Deserialize(BinaryBufferReader reader) => new(reader.ReadString()!, reader.ReadBoolean());
    }
}
