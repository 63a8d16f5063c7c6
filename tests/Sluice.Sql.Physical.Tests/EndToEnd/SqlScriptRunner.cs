using System.Globalization;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin;
using Sluice.Connectors.Files;
using Sluice.Core.Batches;
using Sluice.Formats;
using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Session;

namespace Sluice.Sql.Physical.Tests.EndToEnd;

/// <summary>Runs SQL scripts through a <see cref="SqlSession"/> and collects the last query's changelog.</summary>
internal static class SqlScriptRunner
{
    public static ConnectorRegistry Registry() =>
        new ConnectorRegistry().AddStandardFormats().AddBuiltinConnectors().AddFileSystemConnector();

    /// <summary>Runs every statement; queries are drained; returns the changelog of the last query as "+I[a, b]" lines.</summary>
    public static async Task<ScriptResult> RunAsync(string script, string? directory = null, int parallelism = 1,
        IReadOnlyDictionary<string, string>? configuration = null, ConnectorRegistry? registry = null)
    {
        var session = new SqlSession(new SqlSessionOptions(registry ?? Registry())
        {
            Parallelism = parallelism,
            ScriptDirectory = directory,
            CollectInserts = true,
            Configuration = configuration ?? new Dictionary<string, string>(),
        });
        var changelog = new List<string>();
        foreach (var statement in SqlSession.ParseScript(script))
        {
            var outcome = session.Execute(statement);
            if (outcome.Job is { } job)
            {
                changelog.Clear();
                await using (job)
                {
                    await foreach (var batch in job.Results.ReadAllAsync())
                    {
                        using (batch)
                        {
                            changelog.AddRange(Rows(batch));
                        }
                    }

                    var result = await job.Completion;
                    if (result.Status != JobStatus.Finished)
                    {
                        throw result.Failure ?? new InvalidOperationException($"The job ended {result.Status}.");
                    }
                }
            }
        }

        if (session.SubmitCollectedInserts() is { } inserts)
        {
            await using (inserts)
            {
                var result = await inserts.Completion;
                if (result.Status != JobStatus.Finished)
                {
                    throw result.Failure ?? new InvalidOperationException($"The job ended {result.Status}.");
                }
            }
        }

        return new ScriptResult(changelog);
    }

    /// <summary>The rows of a batch as Flink prints them: <c>+I[1, a]</c>.</summary>
    public static IEnumerable<string> Rows(RecordBatch batch)
    {
        for (var i = 0; i < batch.RowCount; i++)
        {
            var row = batch.PhysicalRow(i);
            var values = new string[batch.ColumnCount];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = Format(batch.Column(c).GetValue(row));
            }

            yield return batch.GetRowKind(row).ToShortString() + "[" + string.Join(", ", values) + "]";
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "TRUE" : "FALSE",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>The changelog of a script's last query.</summary>
internal sealed record ScriptResult(IReadOnlyList<string> Changelog)
{
    /// <summary>The changelog applied to a multiset: the final rows, sorted ordinally (without kinds).</summary>
    public IReadOnlyList<string> Final
    {
        get
        {
            var rows = new List<string>();
            foreach (var line in Changelog)
            {
                var kind = line[..2];
                var row = line[2..];
                if (kind is "+I" or "+U")
                {
                    rows.Add(row);
                }
                else if (!rows.Remove(row))
                {
                    throw new InvalidOperationException($"Retraction of a row that is not in the result: {line}");
                }
            }

            rows.Sort(StringComparer.Ordinal);
            return rows;
        }
    }
}
