using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// How a partitioned table is read: the partition values of a file come from its folders <c>k1=v1/k2=v2/</c> under the
/// table's folder (typed per the schema; the default partition name is NULL), the file's records hold the other
/// columns, and a pushed-down filter skips partitions. Thread-safe (the filter is called under a lock).
/// </summary>
public sealed class PartitionScheme
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, object?[]> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _kept = new(StringComparer.Ordinal);
    private readonly int[] _keyColumns;
    private readonly int[] _dataColumns;

    /// <summary>Creates the scheme of a table with <paramref name="schema"/> partitioned by <paramref name="keys"/>.</summary>
    public PartitionScheme(Schema schema, IReadOnlyList<string> keys, string defaultName, Func<RecordBatch, bool[]>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(keys);
        Schema = schema;
        Keys = keys;
        DefaultName = defaultName;
        Filter = filter;
        _keyColumns = [.. keys.Select(schema.IndexOf)];
        _dataColumns = [.. Enumerable.Range(0, schema.Count).Where(i => !_keyColumns.Contains(i))];
        DataSchema = PartitionedFileSinkOptions.DataSchemaOf(schema, keys);
        KeySchema = new Schema(_keyColumns.Select(i => schema[i]));
    }

    /// <summary>The table's schema (what the source produces).</summary>
    public Schema Schema { get; }

    /// <summary>The partition columns, in <c>PARTITIONED BY</c> order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The folder name of NULL partition values.</summary>
    public string DefaultName { get; }

    /// <summary>The schema of the files' records: the columns that are not partition columns.</summary>
    public Schema DataSchema { get; }

    /// <summary>The partition columns as a schema (what <see cref="Filter"/> gets).</summary>
    public Schema KeySchema { get; }

    /// <summary>The pushed-down partition filter, or null.</summary>
    public Func<RecordBatch, bool[]>? Filter { get; }

    /// <summary>A scheme with <paramref name="filter"/> pushed down.</summary>
    public PartitionScheme WithFilter(Func<RecordBatch, bool[]> filter) => new(Schema, Keys, DefaultName, filter);

    /// <summary>
    /// Whether the folder <paramref name="relative"/> (relative to the table's folder) may hold rows: a folder above the
    /// partitions' depth always, a partition folder when the filter keeps its values.
    /// </summary>
    public bool Keeps(string relative)
    {
        if (Filter is null)
        {
            return true;
        }

        var spec = PartitionPath.Parse(relative);
        if (spec.Count < Keys.Count)
        {
            return true;
        }

        lock (_lock)
        {
            if (_kept.TryGetValue(relative, out var kept))
            {
                return kept;
            }

            var values = ValuesOfSpec(relative, spec);
            using var builder = new RecordBatchBuilder(KeySchema, 1);
            for (var k = 0; k < values.Length; k++)
            {
                builder.Column(k).Append(values[k]);
            }

            using var batch = builder.Build();
            kept = Filter(batch) is [true];
            _kept[relative] = kept;
            return kept;
        }
    }

    /// <summary>The typed partition values (key order) of the file at <paramref name="relativeFile"/> under the table's folder.</summary>
    /// <exception cref="Abstractions.Table.TableOptionException">A folder does not hold a value of its column's type, or a partition folder is missing.</exception>
    public object?[] ValuesOf(string relativeFile)
    {
        var folder = Path.GetDirectoryName(relativeFile) ?? "";
        lock (_lock)
        {
            return ValuesOfSpec(folder, PartitionPath.Parse(folder));
        }
    }

    /// <summary>A batch of <see cref="Schema"/>: the columns of <paramref name="data"/> (consumed) with the partition values added.</summary>
    public RecordBatch Complete(RecordBatch data, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var compact = data.Compact();
        var rows = compact.RowCount;
        var columns = new ColumnVector[Schema.Count];
        for (var i = 0; i < _dataColumns.Length; i++)
        {
            columns[_dataColumns[i]] = compact.Column(i).Retain();
        }

        for (var k = 0; k < _keyColumns.Length; k++)
        {
            using var builder = ColumnVectorBuilder.Create(Schema[_keyColumns[k]].DataType, rows);
            for (var r = 0; r < rows; r++)
            {
                builder.Append(values[k]);
            }

            columns[_keyColumns[k]] = builder.Build();
        }

        return new RecordBatch(Schema, columns, rows, compact.RowKinds);
    }

    private object?[] ValuesOfSpec(string folder, IReadOnlyList<KeyValuePair<string, string>> spec)
    {
        if (_values.TryGetValue(folder, out var cached))
        {
            return cached;
        }

        var values = new object?[Keys.Count];
        for (var k = 0; k < Keys.Count; k++)
        {
            var text = spec.FirstOrDefault(p => p.Key == Keys[k]).Value ?? throw new Abstractions.Table.TableOptionException(
                $"The folder '{folder}' of a table partitioned by ({string.Join(", ", Keys)}) has no '{Keys[k]}=...' folder: files must be in partition folders.",
                "PARTITIONED BY");
            var field = Schema[_keyColumns[k]];
            values[k] = PartitionValues.Parse(text, field.DataType, field.Name, DefaultName);
        }

        _values[folder] = values;
        return values;
    }
}
