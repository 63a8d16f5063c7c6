using System.Runtime.InteropServices;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;

namespace Sluice.Sql.Physical.Operators.Correlate;

/// <summary>
/// Flink SQL's <c>FROM t CROSS JOIN UNNEST(t.c) [WITH ORDINALITY] AS x(...)</c> and
/// <c>FROM t LEFT JOIN UNNEST(t.c) ... ON TRUE</c>: every input row is repeated once per element of its collection
/// column <c>c</c>, followed by the element's columns. Output schema: the input columns (with the input's row time),
/// then the unnested columns, then, with ordinality, an INT column numbering the elements from 1. An unnested
/// column named like an earlier column is renamed with a numeric suffix, as in a join's row (<c>id</c> → <c>id0</c>).
/// </summary>
/// <remarks>
/// <para><b>Unnested columns.</b> <c>ARRAY&lt;T&gt;</c> and <c>MULTISET&lt;T&gt;</c>: one column of type T per
/// element (a multiset's element repeated as often as it occurs), or, when T is a <c>ROW</c>, one column per field
/// of the row (all null for a null element); <c>MAP&lt;K, V&gt;</c>: a key and a value column per entry, in the
/// map's stored order. A null element gives a row with a null element column.</para>
/// <para><b>Empty and null collections.</b> CROSS JOIN: the input row produces no output. LEFT JOIN
/// (<c>leftOuter</c>): it produces one row whose unnested columns (and ordinality) are null, so those columns are
/// nullable in the output schema.</para>
/// <para><b>Changelog.</b> Every output row has the kind of its input row: a -D input row emits -D for each of its
/// elements, so the operator works on insert-only and updating inputs alike.</para>
/// <para><b>Columnar.</b> Output columns are gathered from the input columns and the collection's child vectors
/// without converting values, so every type, nested ones included, passes through. Input rows filtered out by a
/// selection are skipped.</para>
/// <para><b>State.</b> None. Any parallelism and partitioning (it is usually chained to its input).</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> Each input batch is consumed and at most one output batch emitted; watermarks are
/// forwarded unchanged.</para>
/// </remarks>
public sealed class UnnestOperator : StreamOperator
{
    private readonly int _collectionColumn;
    private readonly bool _withOrdinality;
    private readonly bool _leftOuter;
    private readonly int _inputWidth;
    private readonly UnnestShape _shape;
    private readonly List<int> _parents = [];
    private readonly List<int> _children = [];

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="collectionColumn">The ARRAY, MULTISET or MAP column to unnest.</param>
    /// <param name="withOrdinality">True to add the ordinality column (<c>WITH ORDINALITY</c>).</param>
    /// <param name="leftOuter">True for <c>LEFT JOIN UNNEST ... ON TRUE</c>: keep rows with an empty or null collection.</param>
    /// <param name="columnNames">
    /// The names of the unnested columns (the alias list <c>AS x(a, b, ...)</c>), the ordinality column's last; null for
    /// the defaults: the ROW's field names, <c>f0</c> for other elements, <c>key</c> and <c>value</c> for a MAP,
    /// <c>ordinality</c>.
    /// </param>
    /// <exception cref="ArgumentException">The column is out of range or not a collection, or the number of names is wrong.</exception>
    public UnnestOperator(Schema inputSchema, int collectionColumn, bool withOrdinality = false, bool leftOuter = false,
        IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if ((uint)collectionColumn >= (uint)inputSchema.Count)
        {
            throw new ArgumentException($"Column {collectionColumn} is outside the schema {inputSchema}.", nameof(collectionColumn));
        }

        var type = inputSchema[collectionColumn].DataType;
        var fields = new List<Field>();
        switch (type.TypeId)
        {
            case TypeId.Array or TypeId.Multiset when type.ElementType!.TypeId == TypeId.Row:
                _shape = UnnestShape.RowElements;
                var elementNullable = type.ElementType.IsNullable || leftOuter;
                fields.AddRange(type.ElementType.Fields.Select(f => elementNullable ? f.WithDataType(f.DataType.Nullable()) : f));
                break;
            case TypeId.Array or TypeId.Multiset:
                _shape = UnnestShape.Elements;
                fields.Add(new Field("f0", leftOuter ? type.ElementType!.Nullable() : type.ElementType!));
                break;
            case TypeId.Map:
                _shape = UnnestShape.MapEntries;
                fields.Add(new Field("key", leftOuter ? type.KeyType!.Nullable() : type.KeyType!));
                fields.Add(new Field("value", leftOuter ? type.ValueType!.Nullable() : type.ValueType!));
                break;
            default:
                throw new ArgumentException(
                    $"UNNEST takes an ARRAY, MULTISET or MAP column, but {inputSchema[collectionColumn]} is {type}.", nameof(collectionColumn));
        }

        if (withOrdinality)
        {
            fields.Add(new Field("ordinality", leftOuter ? DataTypes.Int().Nullable() : DataTypes.Int().NotNull()));
        }

        if (columnNames is not null)
        {
            if (columnNames.Count != fields.Count)
            {
                throw new ArgumentException(
                    $"UNNEST of {type}{(withOrdinality ? " WITH ORDINALITY" : string.Empty)} produces {fields.Count} columns, " +
                    $"but {columnNames.Count} names were given.", nameof(columnNames));
            }

            for (var i = 0; i < fields.Count; i++)
            {
                fields[i] = new Field(columnNames[i], fields[i].DataType);
            }
        }

        _collectionColumn = collectionColumn;
        _withOrdinality = withOrdinality;
        _leftOuter = leftOuter;
        _inputWidth = inputSchema.Count;
        OutputSchema = new Schema(Joins.JoinSupport.UniqueNames(inputSchema.Fields.Concat(fields)), inputSchema.RowTimeIndex);
    }

    /// <summary>The output schema: the input columns, the unnested columns, then the ordinality column if any.</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(UnnestOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        _parents.Clear();
        _children.Clear();
        var collection = records.Column(_collectionColumn);
        var padded = false;
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var (start, count) = collection.IsNull(physical) ? (0, 0) : RangeOf(collection, physical);
            if (count == 0)
            {
                if (_leftOuter)
                {
                    _parents.Add(physical);
                    _children.Add(-1);
                    padded = true;
                }

                continue;
            }

            for (var j = 0; j < count; j++)
            {
                _parents.Add(physical);
                _children.Add(start + j);
            }
        }

        if (_parents.Count == 0)
        {
            return;
        }

        var parents = CollectionsMarshal.AsSpan(_parents);
        var children = CollectionsMarshal.AsSpan(_children);
        var columns = new List<ColumnVector>(OutputSchema.Count);
        try
        {
            for (var c = 0; c < _inputWidth; c++)
            {
                columns.Add(records.Column(c).Gather(parents));
            }

            switch (collection)
            {
                case ListVector list when _shape == UnnestShape.RowElements:
                    var rows = (StructVector)list.Elements;
                    for (var f = 0; f < rows.ChildCount; f++)
                    {
                        columns.Add(GatherElements(rows.Child(f), children, padded, rows));
                    }

                    break;
                case ListVector list:
                    columns.Add(GatherElements(list.Elements, children, padded, null));
                    break;
                case MapVector map:
                    columns.Add(GatherElements(map.Keys, children, padded, null));
                    columns.Add(GatherElements(map.Values, children, padded, null));
                    break;
                default:
                    throw new InvalidOperationException($"The collection column holds a {collection.GetType().Name}, not a list or map vector.");
            }

            if (_withOrdinality)
            {
                columns.Add(Ordinals(children));
            }

            RowKind[]? kinds = null;
            if (records.HasRowKinds)
            {
                kinds = new RowKind[parents.Length];
                for (var i = 0; i < kinds.Length; i++)
                {
                    kinds[i] = records.GetRowKind(parents[i]);
                }
            }

            output.Collect(new RecordBatch(OutputSchema, columns, parents.Length, kinds));
        }
        catch
        {
            foreach (var column in columns)
            {
                column.Dispose();
            }

            throw;
        }
        finally
        {
            _parents.Clear();
            _children.Clear();
        }
    }

    private static (int Start, int Count) RangeOf(ColumnVector collection, int row) => collection switch
    {
        ListVector list => list.GetRange(row),
        MapVector map => map.GetRange(row),
        _ => throw new InvalidOperationException($"The collection column holds a {collection.GetType().Name}, not a list or map vector."),
    };

    /// <summary>
    /// The values of <paramref name="source"/> at <paramref name="children"/> (-1: a padded row, null), null also where
    /// the ROW element in <paramref name="rows"/> is null.
    /// </summary>
    private static ColumnVector GatherElements(ColumnVector source, ReadOnlySpan<int> children, bool padded, StructVector? rows)
    {
        if (!padded)
        {
            var gathered = source.Gather(children);
            if (rows is { HasNulls: true })
            {
                for (var i = 0; i < children.Length; i++)
                {
                    if (rows.IsNull(children[i]))
                    {
                        gathered.SetNull(i);
                    }
                }
            }

            return gathered;
        }

        if (source.Length == 0)
        {
            // Every row is padded (there is no element at all): a column of nulls.
            using var nulls = ColumnVectorBuilder.Create(source.DataType, children.Length);
            for (var i = 0; i < children.Length; i++)
            {
                nulls.AppendNull();
            }

            return nulls.Build();
        }

        var placeholders = new int[children.Length];
        for (var i = 0; i < placeholders.Length; i++)
        {
            placeholders[i] = Math.Max(0, children[i]);
        }

        // Padded rows take element 0 as a placeholder and are then marked null.
        var result = source.Gather(placeholders);
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] < 0 || (rows is { HasNulls: true } && rows.IsNull(children[i])))
            {
                result.SetNull(i);
            }
        }

        return result;
    }

    /// <summary>The 1-based position of each element in its collection (null for a padded row).</summary>
    private ColumnVector Ordinals(ReadOnlySpan<int> children)
    {
        using var builder = (PrimitiveVectorBuilder<int>)ColumnVectorBuilder.Create(OutputSchema[OutputSchema.Count - 1].DataType, children.Length);
        var ordinal = 0;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] < 0)
            {
                builder.AppendNull();
                continue;
            }

            // The elements of one input row are consecutive; a new input row restarts the count.
            ordinal = i > 0 && _parents[i - 1] == _parents[i] ? ordinal + 1 : 1;
            builder.Append(ordinal);
        }

        return builder.Build();
    }

    private enum UnnestShape
    {
        Elements,
        RowElements,
        MapEntries,
    }
}
