using Sluice.Core.Batches;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Postgres.Tests.Support;

/// <summary>Builds record batches from rows.</summary>
public static class TestBatches
{
    public static RecordBatch Of(Schema schema, params object?[][] rows) => Of(schema, rows.Select(r => (RowKind.Insert, r)).ToArray());

    public static RecordBatch Of(Schema schema, params (RowKind Kind, object?[] Values)[] rows)
    {
        using var builder = new RecordBatchBuilder(schema, Math.Max(1, rows.Length));
        foreach (var (kind, values) in rows)
        {
            builder.AppendRow(kind, values);
        }

        return builder.Build();
    }
}
