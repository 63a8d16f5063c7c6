using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Cli.Tests.Output;

/// <summary>Builds changelog batches for formatter tests.</summary>
internal static class Batches
{
    public static RecordBatch Of(Schema schema, params (string Kind, object?[] Values)[] rows)
    {
        using var builder = new RecordBatchBuilder(schema);
        foreach (var (kind, values) in rows)
        {
            builder.AppendRow(RowKindExtensions.ParseShortString(kind), values);
        }

        return builder.Build();
    }

    public static (string, object?[]) R(string kind, params object?[] values) => (kind, values);

    /// <summary>A one-column batch holding one value of <paramref name="type"/>.</summary>
    public static RecordBatch Single(DataType type, object? value) =>
        Of(Schema.Of(new Field("v", type)), ("+I", [value]));
}
