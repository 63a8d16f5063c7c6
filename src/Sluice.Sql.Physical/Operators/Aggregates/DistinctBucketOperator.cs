using Sluice.Core.Batches;
using Sluice.Core.Hashing;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The first step of a split distinct aggregation (Flink's <c>table.optimizer.distinct-agg.split.enabled</c>): appends
/// <c>$bucket</c> = the stable hash of the distinct argument (or of the tuple of arguments of a
/// <c>COUNT(DISTINCT a, b)</c>, encoded as one row) modulo the bucket count, so that a partial aggregation
/// grouped by the keys and the bucket spreads one hot key's distinct values over many groups (and subtasks).
/// Stateless; the input's columns are shared with the output, not copied; row kinds are kept.
/// </summary>
/// <remarks><b>Threading.</b> Task thread only (a scratch encoder).</remarks>
public sealed class DistinctBucketOperator : StreamOperator
{
    /// <summary>The name of the appended column.</summary>
    public const string BucketColumnName = "$bucket";

    private readonly RowEncoder _encoder;
    private readonly int _buckets;
    private int[] _values = [];

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <param name="distinctColumn">The distinct aggregates' argument column.</param>
    /// <param name="buckets">The number of buckets (positive).</param>
    public DistinctBucketOperator(Schema inputSchema, int distinctColumn, int buckets)
        : this(inputSchema, [distinctColumn], buckets)
    {
    }

    /// <summary>Creates the operator for distinct calls over several columns (the bucket of each tuple).</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <param name="distinctColumns">The distinct aggregates' argument columns (at least one; one column hashes as the other constructor).</param>
    /// <param name="buckets">The number of buckets (positive).</param>
    public DistinctBucketOperator(Schema inputSchema, IReadOnlyList<int> distinctColumns, int buckets)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(distinctColumns);
        ArgumentOutOfRangeException.ThrowIfZero(distinctColumns.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buckets);
        _encoder = new RowEncoder(inputSchema, [.. distinctColumns]);
        _buckets = buckets;
        OutputSchema = OutputSchemaOf(inputSchema);
    }

    /// <summary>The input's columns, then <c>$bucket</c> INT NOT NULL.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The output schema for <paramref name="inputSchema"/>.</summary>
    public static Schema OutputSchemaOf(Schema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return OutputSchemas.Unique([.. inputSchema.Fields, new Field(BucketColumnName, DataTypes.Int().NotNull())]);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var input = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(DistinctBucketOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        using var records = input.Compact();
        var rows = records.RowCount;
        if (rows == 0)
        {
            return;
        }

        if (_values.Length < rows)
        {
            _values = new int[Math.Max(rows, 1024)];
        }

        for (var row = 0; row < rows; row++)
        {
            _values[row] = (int)((uint)StableHash.Hash(_encoder.EncodeToScratch(records, row)) % (uint)_buckets);
        }

        var columns = new ColumnVector[records.ColumnCount + 1];
        for (var c = 0; c < records.ColumnCount; c++)
        {
            columns[c] = records.Column(c).Retain();
        }

        columns[^1] = PrimitiveVector<int>.FromValues(OutputSchema[^1].DataType, _values.AsSpan(0, rows));
        output.Collect(new RecordBatch(OutputSchema, columns, rows, records.RowKinds));
    }
}
