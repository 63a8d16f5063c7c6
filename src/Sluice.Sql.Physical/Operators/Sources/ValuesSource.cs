using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Sources;

/// <summary>
/// The source of a <c>VALUES</c> clause: one bounded split that emits the given rows once, as one batch.
/// Checkpointable: the split remembers whether its rows were emitted.
/// </summary>
public sealed class ValuesSource : ISource<ValuesSplit>
{
    private readonly Schema _schema;
    private readonly IReadOnlyList<object?[]> _rows;

    /// <summary>Creates the source of <paramref name="rows"/> (boxed .NET values, one per column of <paramref name="schema"/>).</summary>
    public ValuesSource(Schema schema, IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rows);
        _schema = schema;
        _rows = rows;
    }

    /// <inheritdoc />
    public Boundedness Boundedness => Boundedness.Bounded;

    /// <inheritdoc />
    public ITypeSerializer<ValuesSplit> SplitSerializer { get; } = new ValuesSplitSerializer();

    /// <inheritdoc />
    public IReadOnlyList<ValuesSplit> DiscoverSplits(int parallelism) => [new ValuesSplit(false)];

    /// <inheritdoc />
    public ISourceReader<ValuesSplit> CreateReader(SourceReaderContext context) => new Reader(this);

    private sealed class Reader(ValuesSource owner) : ISourceReader<ValuesSplit>
    {
        private readonly List<ValuesSplit> _splits = [];

        public void AddSplits(IReadOnlyList<ValuesSplit> splits) => _splits.AddRange(splits);

        public InputStatus PollNext(ISourceOutput output)
        {
            for (var i = 0; i < _splits.Count; i++)
            {
                if (_splits[i].Emitted)
                {
                    continue;
                }

                if (owner._rows.Count > 0)
                {
                    using var builder = new RecordBatchBuilder(owner._schema, owner._rows.Count);
                    foreach (var row in owner._rows)
                    {
                        builder.AppendRow(row);
                    }

                    output.Emit(_splits[i].SplitId, builder.Build());
                }

                _splits[i] = new ValuesSplit(true);
                output.SplitFinished(_splits[i].SplitId);
            }

            return InputStatus.EndOfInput;
        }

        public IReadOnlyList<ValuesSplit> SnapshotState(long checkpointId) => [.. _splits];

        public void Dispose()
        {
        }
    }

    private sealed class ValuesSplitSerializer : ITypeSerializer<ValuesSplit>
    {
        public void Serialize(ValuesSplit value, BinaryBufferWriter writer) => writer.WriteBoolean(value.Emitted);

        public ValuesSplit Deserialize(BinaryBufferReader reader) => new(reader.ReadBoolean());
    }
}

/// <summary>The one split of a <see cref="ValuesSource"/>.</summary>
/// <param name="Emitted">True once the rows were emitted.</param>
public sealed record ValuesSplit(bool Emitted) : ISourceSplit
{
    /// <inheritdoc />
    public string SplitId => "values";
}
