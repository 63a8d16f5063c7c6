using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>
/// The <c>datagen</c> source: generates rows of a schema, random or sequential per column, at
/// <see cref="DatagenOptions.RowsPerSecond"/>.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> Row <c>n</c>'s value in a column depends only on the seed, the column and <c>n</c>
/// (<see cref="DatagenOptions.Seed"/>), so the rows do not depend on the parallelism, the batching or restores.</para>
/// <para><b>Boundedness.</b> Bounded when <see cref="DatagenOptions.NumberOfRows"/> is set or a column is a sequence
/// (the source ends when the first sequence runs out); unbounded otherwise.</para>
/// <para><b>Splits.</b> One per reader: a bounded source splits the row numbers into contiguous ranges, so sequences
/// are divided between readers without overlap; an unbounded source interleaves them. The position of a split is the
/// next row number (<see cref="DatagenSplit"/>).</para>
/// </remarks>
public sealed class DatagenSource : ISource<DatagenSplit>
{
    private readonly FieldGenerator[] _generators;
    private readonly long _seed;
    private readonly long _startMicros;

    /// <summary>Creates the source.</summary>
    /// <param name="schema">The columns to generate.</param>
    /// <param name="options">The options.</param>
    /// <param name="clock">The clock that gives "now" for random timestamps when <see cref="DatagenOptions.StartTime"/> is null.</param>
    /// <exception cref="Abstractions.Table.TableOptionException">An option is invalid, naming it.</exception>
    public DatagenSource(Schema schema, DatagenOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.RowsPerSecond > 0))
        {
            throw DatagenOptionError.Source("rows-per-second", $"must be positive, not {options.RowsPerSecond}.");
        }

        if (options.NumberOfRows < 0)
        {
            throw DatagenOptionError.Source("number-of-rows", $"must not be negative, not {options.NumberOfRows}.");
        }

        if (options.BatchSize < 1)
        {
            throw new ArgumentException($"BatchSize must be positive, not {options.BatchSize}.", nameof(options));
        }

        foreach (var (name, field) in options.Fields)
        {
            if (schema.IndexOf(name) < 0)
            {
                throw DatagenOptionError.Field(name, "kind", $"the table has no column `{name}` (its columns: {schema}).");
            }

            if (field.NullRate is < 0 or > 1 || double.IsNaN(field.NullRate))
            {
                throw DatagenOptionError.Field(name, "null-rate", $"must be between 0 and 1, not {field.NullRate}.");
            }
        }

        Schema = schema;
        Options = options;
        _generators = new FieldGenerator[schema.Count];
        for (var i = 0; i < schema.Count; i++)
        {
            var name = schema[i].Name;
            var field = options.Fields.TryGetValue(name, out var f) ? f : new DatagenFieldOptions();
            _generators[i] = field.Kind == DatagenKind.Sequence
                ? new SequenceFieldGenerator(i, name, schema[i].DataType, field)
                : new RandomFieldGenerator(i, name, schema[i].DataType, field, options.TimeZone);
        }

        TotalRows = options.NumberOfRows;
        foreach (var generator in _generators)
        {
            if (generator.RowLimit is { } limit)
            {
                TotalRows = Math.Min(TotalRows ?? long.MaxValue, limit);
            }
        }

        _seed = options.Seed ?? Random.Shared.NextInt64();
        _startMicros = TemporalConversions.ToEpochMicros(options.StartTime ?? (clock ?? TimeProvider.System).GetUtcNow());
    }

    /// <summary>The generated columns.</summary>
    public Schema Schema { get; }

    /// <summary>The options.</summary>
    public DatagenOptions Options { get; }

    /// <summary>The number of rows the source generates before it ends, or null when it never ends.</summary>
    public long? TotalRows { get; }

    /// <inheritdoc />
    public Boundedness Boundedness => TotalRows is null ? Boundedness.Unbounded : Boundedness.Bounded;

    /// <inheritdoc />
    public ITypeSerializer<DatagenSplit> SplitSerializer => DatagenSplit.Serializer;

    /// <inheritdoc />
    public IReadOnlyList<DatagenSplit> DiscoverSplits(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var splits = new List<DatagenSplit>(parallelism);
        for (var i = 0; i < parallelism; i++)
        {
            if (TotalRows is { } total)
            {
                var start = (long)((Int128)total * i / parallelism);
                var end = (long)((Int128)total * (i + 1) / parallelism);
                if (start < end)
                {
                    splits.Add(new DatagenSplit(i, start, end, 1, _seed, _startMicros));
                }
            }
            else
            {
                splits.Add(new DatagenSplit(i, i, long.MaxValue, parallelism, _seed, _startMicros));
            }
        }

        return splits;
    }

    /// <inheritdoc />
    public ISourceReader<DatagenSplit> CreateReader(SourceReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DatagenReader(this, context);
    }

    /// <summary>Appends row <paramref name="row"/> of a split with the given seed and start time.</summary>
    internal void AppendRow(RecordBatchBuilder builder, long row, long seed, long startMicros)
    {
        foreach (var generator in _generators)
        {
            generator.Append(builder, row, seed, startMicros);
        }
    }
}
