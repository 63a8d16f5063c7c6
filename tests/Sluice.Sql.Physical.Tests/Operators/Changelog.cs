using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Testing;

namespace Sluice.Sql.Physical.Tests.Operators;

/// <summary>Builds changelog batches from <c>("+I", values)</c> rows and reads harness output as row strings.</summary>
internal static class Changelog
{
    public static RecordBatch Batch(Schema schema, params (string Kind, object?[] Values)[] rows)
    {
        using var builder = new RecordBatchBuilder(schema);
        foreach (var (kind, values) in rows)
        {
            builder.AppendRow(RowKindExtensions.ParseShortString(kind), values);
        }

        return builder.Build();
    }

    public static (string, object?[]) R(string kind, params object?[] values) => (kind, values);

    public static List<string> Output(OperatorHarness harness) =>
        harness.OutputBatches.Cast<RecordBatch>().SelectMany(b => b.ToRowStrings()).ToList();

    /// <summary>Applies a changelog to a materialized view: +I/+U insert, -U/-D delete one equal row.</summary>
    public static List<string> Materialize(IEnumerable<string> changelog)
    {
        var view = new List<string>();
        foreach (var line in changelog)
        {
            var body = line[2..];
            if (line.StartsWith("+I", StringComparison.Ordinal) || line.StartsWith("+U", StringComparison.Ordinal))
            {
                view.Add(body);
            }
            else if (!view.Remove(body))
            {
                throw new InvalidOperationException($"Retraction of a row not in the view: {line}");
            }
        }

        view.Sort(StringComparer.Ordinal);
        return view;
    }
}
