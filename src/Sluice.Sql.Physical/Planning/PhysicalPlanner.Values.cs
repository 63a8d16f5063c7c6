using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators.Sources;
using Sluice.Core.Time;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Physical.Operators.Sources;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private PhysicalStream TranslateValues(Values values)
    {
        var schema = SchemaOf(values);
        var rows = new List<object?[]>(values.Rows.Count);
        using (var one = new RecordBatch(Schema.Empty, [], 1))
        {
            foreach (var row in values.Rows)
            {
                var cells = new object?[row.Count];
                for (var c = 0; c < row.Count; c++)
                {
                    var compiled = ExpressionCompiler.Compile(row[c], Schema.Empty);
                    using var vector = compiled.Evaluate(one);
                    // A TIMESTAMP(7..9) keeps its stored nanoseconds (a boxed DateTime has 100 ns ticks).
                    cells[c] = vector is PrimitiveVector<long> stored && !stored.IsNull(0) && TimestampUnit.IsNanos(vector.DataType)
                        ? stored.Values[0]
                        : vector.GetValue(0);
                }

                rows.Add(cells);
            }
        }

        var source = new ValuesSource(schema, rows);
        var vertex = AddVertex("values", 1, () => new SourceOperator<ValuesSplit>(source, WatermarkStrategy.None), isSource: true);
        return new PhysicalStream(vertex, schema, ChangelogMode.InsertOnly);
    }

    private PhysicalStream TranslateUnion(Union union)
    {
        if (!union.IsAll)
        {
            return TranslateDistinct(union, TranslateUnionAll(union));
        }

        return TranslateUnionAll(union);
    }

    private PhysicalStream TranslateUnionAll(Union union)
    {
        var schema = SchemaOf(union);
        var inputs = union.Inputs.Select(Translate).ToList();
        var vertex = AddVertex("union", Parallelism, () => new CalcOperator(schema, null, null, schema));
        foreach (var input in inputs)
        {
            Connect(input, vertex);
        }

        var insertOnly = inputs.All(i => i.IsInsertOnly);
        return new PhysicalStream(vertex, schema, insertOnly ? ChangelogMode.InsertOnly : ChangelogMode.All);
    }
}
