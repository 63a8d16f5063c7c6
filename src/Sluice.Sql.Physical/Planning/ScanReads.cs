using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Binding;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// What a statement reads of each table it scans (the input of projection pushdown into sources), top down: a
/// projection reads what its expressions reference, a filter what its parent reads plus its condition (it passes its
/// input's columns through), any other node everything. A column referenced only through field accesses
/// (<c>bid.price</c>) is read field by field. The reads of a table's computed columns, watermark and primary key are
/// carried down to the stored columns the connector fills.
/// </summary>
internal sealed class ScanReads
{
    private readonly Dictionary<Sluice.Sql.Catalog.CatalogTable, Reads> _reads = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records what <paramref name="plan"/> reads of its scans (adding to earlier statements' reads).</summary>
    public void Collect(LogicalPlan plan) => Visit(plan, null);

    /// <summary>
    /// The reads of the stored columns of <paramref name="scan"/>'s table (the connector's schema), or null when it reads
    /// everything.
    /// </summary>
    public ColumnReads? StoredReads(TableScan scan, ScanExpressions expressions)
    {
        if (!_reads.TryGetValue(scan.Table, out var statementReads))
        {
            return null;
        }

        // The watermark is computed whatever the statement reads.
        var tableReads = new Reads(expressions.Columns.Count);
        tableReads.Add(statementReads);
        if (expressions.Watermark is { } watermark)
        {
            tableReads.Mark(watermark);
        }

        var stored = new Reads(expressions.StoredRow.Count);
        for (var c = 0; c < expressions.Columns.Count; c++)
        {
            var column = expressions.Columns[c];
            if (c == expressions.RowTimeColumn || tableReads.IsWhole(c))
            {
                stored.Mark(column);
            }
            else if (tableReads.Fields(c) is { Count: > 0 } fields)
            {
                if (column is BoundInputRef reference)
                {
                    foreach (var field in fields)
                    {
                        stored.Field(reference.Index, field);
                    }
                }
                else
                {
                    stored.Mark(column);
                }
            }
        }

        foreach (var key in scan.Table.PrimaryKey?.Columns ?? [])
        {
            var index = expressions.StoredRow.IndexOf(key);
            if (index >= 0)
            {
                stored.All(index);
            }
        }

        var result = stored.ToColumnReads();
        return result.IsEverything ? null : result;
    }

    /// <summary>What <paramref name="reads"/> reads of <paramref name="schema"/>, for EXPLAIN: <c>event_type, bid.auction, bid.price</c>.</summary>
    public static string Describe(ColumnReads reads, Core.Schemas.Schema schema)
    {
        var parts = new List<string>();
        for (var c = 0; c < schema.Count; c++)
        {
            var field = schema[c];
            if (!reads.IsRead(c))
            {
                continue;
            }

            var children = field.DataType.TypeId == Core.Types.TypeId.Row ? field.DataType.Fields : null;
            if (children is null || Enumerable.Range(0, children.Count).All(f => reads.IsRead(c, f)))
            {
                parts.Add(field.Name);
                continue;
            }

            parts.AddRange(Enumerable.Range(0, children.Count).Where(f => reads.IsRead(c, f)).Select(f => $"{field.Name}.{children[f].Name}"));
        }

        return string.Join(", ", parts);
    }

    /// <summary>Visits <paramref name="node"/>, of whose output its parent reads <paramref name="read"/> (null: everything).</summary>
    private void Visit(LogicalPlan node, Reads? read)
    {
        switch (node)
        {
            case TableScan scan:
                Of(scan).Add(read);
                return;
            case Project project:
            {
                var input = new Reads(project.Input.Schema.Count);
                foreach (var expression in project.Projections)
                {
                    input.Mark(expression);
                }

                Visit(project.Input, input);
                return;
            }

            case Filter filter when read is not null:
            {
                // A filter passes its input's columns through: its input is read where its parent reads it, and by the condition.
                var input = new Reads(filter.Input.Schema.Count);
                input.Add(read);
                input.Mark(filter.Condition);
                Visit(filter.Input, input);
                return;
            }

            default:
                foreach (var input in node.Inputs)
                {
                    Visit(input, null);
                }

                return;
        }
    }

    private Reads Of(TableScan scan)
    {
        if (!_reads.TryGetValue(scan.Table, out var reads))
        {
            reads = new Reads(scan.Schema.Count);
            _reads[scan.Table] = reads;
        }

        return reads;
    }

    /// <summary>The columns of one row read so far.</summary>
    private sealed class Reads(int count)
    {
        private readonly bool[] _whole = new bool[count];
        private readonly HashSet<int>?[] _fields = new HashSet<int>?[count];

        public bool IsWhole(int column) => _whole[column];

        public IReadOnlySet<int>? Fields(int column) => _fields[column];

        /// <summary>Adds <paramref name="other"/> (a read of the same row; null: everything).</summary>
        public void Add(Reads? other)
        {
            if (other is null)
            {
                Array.Fill(_whole, true);
                return;
            }

            for (var c = 0; c < _whole.Length; c++)
            {
                _whole[c] |= other._whole[c];
                if (other._fields[c] is { } fields)
                {
                    (_fields[c] ??= []).UnionWith(fields);
                }
            }
        }

        public void All(int column) => _whole[column] = true;

        public void Field(int column, int field) => (_fields[column] ??= []).Add(field);

        /// <summary>Marks what <paramref name="expression"/> reads of the row.</summary>
        public void Mark(BoundExpression expression)
        {
            switch (expression)
            {
                case BoundFieldAccess { Target: BoundInputRef reference } access:
                    Field(reference.Index, access.FieldIndex);
                    break;
                case BoundInputRef reference:
                    All(reference.Index);
                    break;
                default:
                    foreach (var child in expression.Children)
                    {
                        Mark(child);
                    }

                    break;
            }
        }

        public ColumnReads ToColumnReads() => new(_whole.Length, _whole, _fields);
    }
}
