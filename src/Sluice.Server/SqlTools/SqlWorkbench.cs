using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Server.Contracts;
using Sluice.Server.Hosting;
using Sluice.Server.Security;
using Sluice.Server.Storage;
using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Results;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Planning;

namespace Sluice.Server.SqlTools;

/// <summary>
/// SQL without deployments: validation with positioned errors, <c>EXPLAIN</c>, previews of queries streamed as
/// server-sent events, and the catalog of the tables the deployments' scripts declare. Every session is fresh and
/// private to the request; secrets are resolved before planning and redacted from every message.
/// </summary>
internal sealed class SqlWorkbench(Func<ConnectorRegistry> registry, SecretStore secrets, MetadataStore store, PathPolicy paths, TimeProvider time)
{
    /// <summary>The most changes a preview sends unless the request asks for fewer.</summary>
    public const int DefaultPreviewRows = 1000;

    private int _activePreviews;

    /// <summary>The preview jobs running now.</summary>
    public int ActivePreviews => Volatile.Read(ref _activePreviews);

    /// <summary>Validates a script: parses it, runs its DDL against a private catalog, and plans its queries and inserts.</summary>
    public ValidateResponse Validate(string sql)
    {
        try
        {
            Run(sql, (session, statement) => session.Explain(statement)); // plans it, as a job would be planned
            return new ValidateResponse(true, []);
        }
        catch (ScriptError error)
        {
            return new ValidateResponse(false, [error.Error]);
        }
    }

    /// <summary>The plans of a script's queries and inserts.</summary>
    public ExplainResponse Explain(string sql)
    {
        var plans = new StringBuilder();
        try
        {
            Run(sql, (session, statement) => plans.Append(session.Explain(statement)).Append('\n'));
        }
        catch (ScriptError error)
        {
            throw Invalid(error.Error);
        }

        if (plans.Length == 0)
        {
            throw ApiException.BadRequest("The script has no query or INSERT to explain.");
        }

        return new ExplainResponse(secrets.Redact(plans.ToString().TrimEnd('\n')));
    }

    /// <summary>
    /// Runs a script's final SELECT and streams its changes as server-sent events: one <c>schema</c> event, a
    /// <c>change</c> event per row (<c>{"kind":"+I","values":[...]}</c>), then <c>end</c> (or <c>error</c>). The job is
    /// cancelled when the client goes away, after <paramref name="maxRows"/> changes, or when its input ends.
    /// </summary>
    public async Task PreviewAsync(HttpContext context, string sql, int? maxRows)
    {
        var limit = Math.Clamp(maxRows ?? DefaultPreviewRows, 1, 100_000);
        SqlJob? job = null;
        ResultText? text = null;
        try
        {
            Run(sql, (session, statement) =>
            {
                if (statement is not QueryStatement || job is not null)
                {
                    throw new SqlException(SqlErrorCode.NotSupported, statement.Span,
                        "A preview runs one SELECT (after any DDL); it does not run INSERTs");
                }

                text = ResultText.Of(session);
                job = session.Execute(statement).Job;
            }, collectInserts: false);
        }
        catch (ScriptError error)
        {
            throw Invalid(error.Error);
        }

        if (job is null || text is null)
        {
            throw ApiException.BadRequest("The script has no SELECT to preview.");
        }

        Interlocked.Increment(ref _activePreviews);
        try
        {
            await StreamAsync(context, job, text, limit).ConfigureAwait(false);
        }
        finally
        {
            await job.DisposeAsync().ConfigureAwait(false); // cancels the job when it still runs
            Interlocked.Decrement(ref _activePreviews);
        }
    }

    private async Task StreamAsync(HttpContext context, SqlJob job, ResultText text, int limit)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await WriteEventAsync(response, "schema", new { columns = job.ResultSchema!.Fields.Select(f => new { name = f.Name, type = f.DataType.ToString() }) }, aborted)
            .ConfigureAwait(false);
        var sent = 0;
        var reason = "end";
        try
        {
            while (sent < limit && await job.Results.WaitToReadAsync(aborted).ConfigureAwait(false))
            {
                while (sent < limit && job.Results.TryRead(out var batch))
                {
                    using (batch)
                    {
                        for (var i = 0; i < batch.RowCount && sent < limit; i++, sent++)
                        {
                            var row = batch.PhysicalRow(i);
                            var values = RowValues(batch, row, text);
                            await WriteEventAsync(response, "change", new { kind = batch.GetRowKind(row).ToShortString(), values }, aborted).ConfigureAwait(false);
                        }
                    }
                }
            }

            if (sent >= limit)
            {
                reason = "limit";
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            return; // the client went away; disposing the job cancels it
        }
        catch (ChannelClosedException ex)
        {
            await WriteEventAsync(response, "error", new { message = secrets.Redact(ex.InnerException?.Message ?? ex.Message) }, aborted).ConfigureAwait(false);
            return;
        }
        catch (SluiceException ex)
        {
            await WriteEventAsync(response, "error", new { message = secrets.Redact(ex.Message) }, aborted).ConfigureAwait(false);
            return;
        }

        if (job.Completion.IsCompleted && (await job.Completion.ConfigureAwait(false)).Failure is { } failure)
        {
            await WriteEventAsync(response, "error", new { message = secrets.Redact(failure.Message) }, aborted).ConfigureAwait(false);
            return;
        }

        await WriteEventAsync(response, "end", new { rows = sent, reason }, aborted).ConfigureAwait(false);
    }

    /// <summary>The tables and views the deployments' scripts declare, with their columns.</summary>
    public IReadOnlyList<TableResponse> Tables()
    {
        var tables = new List<TableResponse>();
        foreach (var deployment in store.ListDeployments())
        {
            var session = new SqlSession(new SqlSessionOptions(registry()) { Clock = time, CollectInserts = true });
            try
            {
                foreach (var statement in SqlSession.ParseScript(deployment.Spec.Sql))
                {
                    if (statement is CreateTableStatement { AsQuery: null } or CreateViewStatement or SetStatement)
                    {
                        session.Execute(statement);
                    }
                }
            }
            catch (SluiceException)
            {
                // A script that does not declare its tables cleanly contributes what it declared before the error.
            }

            foreach (var table in session.Catalog.ListTables(session.Catalog.CurrentCatalog, session.Catalog.CurrentDatabase))
            {
                var columns = table is CatalogTable t
                    ? t.Columns.Select(c => new ColumnResponse(c.Name, c.Type.ToString(), MetadataStore.EnumText(c.Kind)))
                    : table.Schema.Fields.Select(f => new ColumnResponse(f.Name, f.DataType.ToString(), "PHYSICAL"));
                tables.Add(new TableResponse(table.Identifier.Name, deployment.Id, deployment.Spec.Name, MetadataStore.EnumText(table.Kind),
                    table is CatalogTable ct && ct.Options.TryGetValue("connector", out var connector) ? connector : null, [.. columns]));
            }
        }

        return tables;
    }

    /// <summary>The connectors and formats of the server's registry, with their options.</summary>
    public IReadOnlyList<ConnectorResponse> Connectors()
    {
        var current = registry();
        var sources = current.SourceNames.ToHashSet(StringComparer.Ordinal);
        var sinks = current.SinkNames.ToHashSet(StringComparer.Ordinal);
        return [.. current.ConnectorDescriptors.Concat(current.FormatDescriptors).Select(d => new ConnectorResponse(d.Name, d.KindName.ToUpperInvariant(),
            d.Description, sources.Contains(d.Name), sinks.Contains(d.Name),
            [.. d.Options.Select(o => new ConnectorOptionResponse(o.Key, o.Type.ToString(), o.IsRequired, o.DefaultValue, o.Description, o.AllowedValues))]))];
    }

    /// <summary>The built-in functions of a fresh session's catalog, by name.</summary>
    public IReadOnlyList<FunctionResponse> Functions()
    {
        var session = new SqlSession(new SqlSessionOptions(registry()) { Clock = time });
        return [.. session.Catalog.ListFunctions().OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new FunctionResponse(f.Name, MetadataStore.EnumText(f.Kind), f.SignatureText, f.Description))];
    }

    private void Run(string sql, Action<SqlSession, SqlStatement> onQueryOrInsert, bool collectInserts = true)
    {
        string resolved;
        try
        {
            resolved = secrets.Resolve(sql);
        }
        catch (SluiceException ex)
        {
            throw new ScriptError(new SqlError(secrets.Redact(ex.Message), 1, 1));
        }

        IReadOnlyList<SqlStatement> statements;
        try
        {
            statements = SqlSession.ParseScript(resolved);
        }
        catch (SqlException ex)
        {
            throw new ScriptError(new SqlError(secrets.Redact(ex.Reason), ex.Line, ex.Column));
        }

        var session = new SqlSession(new SqlSessionOptions(registry()) { Clock = time, CollectInserts = collectInserts });
        foreach (var statement in statements)
        {
            try
            {
                if (Planner.IsQueryOrInsert(statement) || statement is StatementSetStatement)
                {
                    paths.Check(session.Catalog);
                    onQueryOrInsert(session, statement);
                }
                else
                {
                    paths.Check(statement, session.Configuration);
                    session.Execute(statement);
                }
            }
            catch (SqlException ex)
            {
                throw new ScriptError(new SqlError(secrets.Redact(ex.Reason), ex.Line, ex.Column));
            }
            catch (SluiceException ex)
            {
                throw new ScriptError(new SqlError(secrets.Redact(ex.Message), statement.Span.Line, statement.Span.Column));
            }
        }
    }

    private static ApiException Invalid(SqlError error)
    {
        var problem = ApiException.BadRequest($"The script is not valid: {error.Message} (line {error.Line}, column {error.Column})");
        problem.Extensions["errors"] = new[] { error };
        return problem;
    }

    private static async Task WriteEventAsync(HttpResponse response, string name, object data, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(data, ServerJson.Options);
        await response.WriteAsync($"event: {name}\ndata: {json}\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The values of a row as a JSON array, written as <c>sluice run --output json</c> writes them
    /// (<see cref="ResultJson"/>): DECIMAL with its scale, temporal values in SQL notation with all their digits,
    /// TIMESTAMP_LTZ in the session time zone.
    /// </summary>
    private static JsonElement RowValues(RecordBatch batch, int row, ResultText text)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ResultJson.Options))
        {
            writer.WriteStartArray();
            for (var c = 0; c < batch.ColumnCount; c++)
            {
                ResultJson.Write(writer, text, batch.Column(c), row);
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The first error of a script, carried out of <see cref="Run"/>.</summary>
    private sealed class ScriptError(SqlError error) : Exception(error.Message)
    {
        public SqlError Error { get; } = error;
    }
}
