using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.Testing;

namespace Sluice.Sql.Physical.Tests.Operators;

/// <summary>Builds changelog batches from <c>("+I", values)</c> rows and reads harness output as row strings.</summary>
internal static class Changelog
{
    /// <summary>
    /// Mini-batch options under which a group aggregation folds every input batch as one bundle (a bundle is due at one
    /// row, so each added batch is folded at once): one change per key and batch, for tests of aggregate values rather
    /// than of the per-row changelog.
    /// </summary>
    public static MiniBatchOptions OneBundlePerBatch { get; } = new(TimeSpan.FromHours(1), 1);

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

    /// <summary>
    /// Feeds a two-input operator the batches of <paramref name="script"/> (input 0 with <paramref name="left"/>'s
    /// schema, input 1 with <paramref name="right"/>'s) and returns its output; after step
    /// <paramref name="snapshotAfter"/> (or never, with -1) it snapshots, disposes and restores a new operator. The output
    /// is read with <paramref name="read"/> (default <see cref="Output"/>).
    /// </summary>
    public static List<string> RunTwoInput(Func<Runtime.Operators.StreamOperator> create, Schema left, Schema right,
        (int Input, (string, object?[])[] Rows)[] script, int snapshotAfter, Func<OperatorHarness, List<string>>? read = null)
    {
        read ??= Output;
        var output = new List<string>();
        var harness = new OperatorHarness(create());
        try
        {
            for (var i = 0; i < script.Length; i++)
            {
                harness.ProcessBatch(Batch(script[i].Input == 0 ? left : right, script[i].Rows), script[i].Input);
                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(read(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(create(), restoreFrom: [snapshot]);
                }
            }

            output.AddRange(read(harness));
            return output;
        }
        finally
        {
            harness.Dispose();
        }
    }

    /// <summary>
    /// Feeds a one-input operator the batches of <paramref name="script"/> and returns its output; after step
    /// <paramref name="snapshotAfter"/> (or never, with -1) it snapshots, disposes and restores a new operator.
    /// </summary>
    public static List<string> RunOneInput(Func<Runtime.Operators.StreamOperator> create, Schema schema,
        (string, object?[])[][] script, int snapshotAfter, Func<OperatorHarness, List<string>>? read = null) =>
        RunTwoInput(create, schema, schema, script.Select(rows => (0, rows)).ToArray(), snapshotAfter, read);

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
