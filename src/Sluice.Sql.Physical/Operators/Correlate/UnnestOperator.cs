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
/// <c>UNNEST(t.a, t.b, ...)</c> of several collections zips them, as the SQL standard specifies: the n-th output row
/// of an input row holds the n-th element of every collection, as many rows as the longest collection has elements,
/// the columns of a shorter (or null) collection null in the rows beyond its end.
/// </summary>
/// <remarks>
/// <para><b>Unnested columns.</b> <c>ARRAY&lt;T&gt;</c> and <c>MULTISET&lt;T&gt;</c>: one column of type T per
/// element (a multiset's element repeated as often as it occurs), or, when T is a <c>ROW</c>, one column per field
/// of the row (all null for a null element); <c>MAP&lt;K, V&gt;</c>: a key and a value column per entry, in the
/// map's stored order. A null element gives a row with a null element column.</para>
/// <para><b>Empty and null collections.</b> CROSS JOIN: the input row produces no output (with several collections:
/// when all are empty or null). LEFT JOIN (<c>leftOuter</c>): it produces one row whose unnested columns (and
/// ordinality) are null, so those columns are nullable in the output schema (as they are with several collections,
/// whose shorter ones are padded).</para>
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
    private readonly int[] _collectionColumns;
    private readonly UnnestShape[] _shapes;
    private readonly bool _withOrdinality;
    private readonly bool _leftOuter;
    private readonly int _inputWidth;
    private readonly List<int> _parents = [];
    private readonly List<int>[] _children;
    private readonly List<int> _ordinals = [];

    /// <summary>Creates the operator over one collection column.</summary>
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
        : this(inputSchema, [collectionColumn], withOrdinality, leftOuter, columnNames)
    {
    }

    /// <summary>Creates the operator over several collection columns, zipped (see the type's remarks).</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="collectionColumns">The ARRAY, MULTISET or MAP columns to unnest, at least one.</param>
    /// <param name="withOrdinality">True to add the ordinality column (<c>WITH ORDINALITY</c>).</param>
    /// <param name="leftOuter">True for <c>LEFT JOIN UNNEST ... ON TRUE</c>: keep rows whose collections are all empty or null.</param>
    /// <param name="columnNames">
    /// The names of the unnested columns of all collections in order, the ordinality column's last; null for the defaults
    /// (see the other constructor).
    /// </param>
    /// <exception cref="ArgumentException">A column is out of range or not a collection, or the number of names is wrong.</exception>
    public UnnestOperator(Schema inputSchema, IReadOnlyList<int> collectionColumns, bool withOrdinality = false, bool leftOuter = false,
        IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(collectionColumns);
        if (collectionColumns.Count == 0)
        {
            throw new ArgumentException("UNNEST needs at least one collection column.", nameof(collectionColumns));
        }

        // With several collections a shorter one is padded with nulls, as every one is in a LEFT JOIN's padded row.
        var padded = leftOuter || collectionColumns.Count > 1;
        var fields = new List<Field>();
        _shapes = new UnnestShape[collectionColumns.Count];
        for (var c = 0; c < collectionColumns.Count; c++)
        {
            _shapes[c] = AddFields(inputSchema, collectionColumns[c], padded, fields);
        }

        if (withOrdinality)
        {
            fields.Add(new Field("ordinality", leftOuter ? DataTypes.Int().Nullable() : DataTypes.Int().NotNull()));
        }

        if (columnNames is not null)
        {
            if (columnNames.Count != fields.Count)
            {
                var types = string.Join(", ", collectionColumns.Select(c => inputSchema[c].DataType.ToString()));
                throw new ArgumentException(
                    $"UNNEST of {types}{(withOrdinality ? " WITH ORDINALITY" : string.Empty)} produces {fields.Count} columns, " +
                    $"but {columnNames.Count} names were given.", nameof(columnNames));
            }

            for (var i = 0; i < fields.Count; i++)
            {
                fields[i] = new Field(columnNames[i], fields[i].DataType);
            }
        }

        _collectionColumns = [.. collectionColumns];
        _children = _collectionColumns.Select(_ => new List<int>()).ToArray();
        _withOrdinality = withOrdinality;
        _leftOuter = leftOuter;
        _inputWidth = inputSchema.Count;
        OutputSchema = new Schema(Joins.JoinSupport.UniqueNames(inputSchema.Fields.Concat(fields)), inputSchema.RowTimeIndex);
    }

    /// <summary>The output schema: the input columns, the unnested columns, then the ordinality column if any.</summary>
    public Schema OutputSchema { get; }

    /// <summary>Adds the unnested columns of collection column <paramref name="column"/> (nullable when <paramref name="padded"/>).</summary>
    private static UnnestShape AddFields(Schema inputSchema, int column, bool padded, List<Field> fields)
    {
        if ((uint)column >= (uint)inputSchema.Count)
        {
            throw new ArgumentException($"Column {column} is outside the schema {inputSchema}.", nameof(column));
        }

        var type = inputSchema[column].DataType;
        switch (type.TypeId)
        {
            case TypeId.Array or TypeId.Multiset when type.ElementType!.TypeId == TypeId.Row:
                var elementNullable = type.ElementType.IsNullable || padded;
                fields.AddRange(type.ElementType.Fields.Select(f => elementNullable ? f.WithDataType(f.DataType.Nullable()) : f));
                return UnnestShape.RowElements;
            case TypeId.Array or TypeId.Multiset:
                fields.Add(new Field("f0", padded ? type.ElementType!.Nullable() : type.ElementType!));
                return UnnestShape.Elements;
            case TypeId.Map:
                fields.Add(new Field("key", padded ? type.KeyType!.Nullable() : type.KeyType!));
                fields.Add(new Field("value", padded ? type.ValueType!.Nullable() : type.ValueType!));
                return UnnestShape.MapEntries;
            default:
                throw new ArgumentException(
                    $"UNNEST takes an ARRAY, MULTISET or MAP column, but {inputSchema[column]} is {type}.", nameof(column));
        }
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(UnnestOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var count = _collectionColumns.Length;
        var collections = new ColumnVector[count];
        var ranges = new (int Start, int Count)[count];
        var padded = new bool[count];
        for (var c = 0; c < count; c++)
        {
            collections[c] = records.Column(_collectionColumns[c]);
        }

        try
        {
            for (var i = 0; i < records.RowCount; i++)
            {
                var physical = records.PhysicalRow(i);
                var length = 0;
                for (var c = 0; c < count; c++)
                {
                    ranges[c] = collections[c].IsNull(physical) ? (0, 0) : RangeOf(collections[c], physical);
                    length = Math.Max(length, ranges[c].Count);
                }

                if (length == 0)
                {
                    if (_leftOuter)
                    {
                        _parents.Add(physical);
                        _ordinals.Add(0);
                        for (var c = 0; c < count; c++)
                        {
                            _children[c].Add(-1);
                            padded[c] = true;
                        }
                    }

                    continue;
                }

                for (var j = 0; j < length; j++)
                {
                    _parents.Add(physical);
                    _ordinals.Add(j + 1);
                    for (var c = 0; c < count; c++)
                    {
                        var inside = j < ranges[c].Count;
                        _children[c].Add(inside ? ranges[c].Start + j : -1);
                        padded[c] |= !inside;
                    }
                }
            }

            if (_parents.Count == 0)
            {
                return;
            }

            Emit(records, collections, padded, output);
        }
        finally
        {
            _parents.Clear();
            _ordinals.Clear();
            foreach (var children in _children)
            {
                children.Clear();
            }
        }
    }

    private void Emit(RecordBatch records, ColumnVector[] collections, bool[] padded, IOutput output)
    {
        var parents = CollectionsMarshal.AsSpan(_parents);
        var columns = new List<ColumnVector>(OutputSchema.Count);
        try
        {
            for (var c = 0; c < _inputWidth; c++)
            {
                columns.Add(records.Column(c).Gather(parents));
            }

            for (var c = 0; c < collections.Length; c++)
            {
                var children = CollectionsMarshal.AsSpan(_children[c]);
                switch (collections[c])
                {
                    case ListVector list when _shapes[c] == UnnestShape.RowElements:
                        var rows = (StructVector)list.Elements;
                        for (var f = 0; f < rows.ChildCount; f++)
                        {
                            columns.Add(GatherElements(rows.Child(f), children, padded[c], rows));
                        }

                        break;
                    case ListVector list:
                        columns.Add(GatherElements(list.Elements, children, padded[c], null));
                        break;
                    case MapVector map:
                        columns.Add(GatherElements(map.Keys, children, padded[c], null));
                        columns.Add(GatherElements(map.Values, children, padded[c], null));
                        break;
                    default:
                        throw new InvalidOperationException($"The collection column holds a {collections[c].GetType().Name}, not a list or map vector.");
                }
            }

            if (_withOrdinality)
            {
                columns.Add(Ordinals());
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

    /// <summary>The 1-based position of each output row among its input row's (null for a padded row).</summary>
    private ColumnVector Ordinals()
    {
        using var builder = (PrimitiveVectorBuilder<int>)ColumnVectorBuilder.Create(OutputSchema[OutputSchema.Count - 1].DataType, _ordinals.Count);
        foreach (var ordinal in _ordinals)
        {
            if (ordinal == 0)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(ordinal);
            }
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
