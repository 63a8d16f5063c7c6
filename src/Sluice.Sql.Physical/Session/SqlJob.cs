using System.Threading.Channels;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Execution;

namespace Sluice.Sql.Physical.Session;

/// <summary>
/// A running SQL job: the runtime's <see cref="JobClient"/>, and for a query its result changelog.
/// </summary>
/// <remarks>
/// <para><b>Results.</b> A query's changes arrive on <see cref="Results"/> in the order the result operator (which
/// runs with parallelism 1) received them; each batch carries row kinds. The reader owns (disposes) every batch it
/// reads. The channel completes when the job ends (with the job's failure, if it failed). An <c>INSERT</c> job has
/// no results: the channel is completed from the start.</para>
/// <para><b>Disposal.</b> Disposing cancels the job if it still runs and drains unread results.</para>
/// </remarks>
public sealed class SqlJob : IAsyncDisposable
{
    private readonly Channel<RecordBatch> _results;

    internal SqlJob(string name, JobClient client, Schema? resultSchema, Channel<RecordBatch> results, bool isBounded, string plan)
    {
        Name = name;
        Client = client;
        ResultSchema = resultSchema;
        _results = results;
        IsBounded = isBounded;
        Plan = plan;
        _ = client.Completion.ContinueWith(
            t => _results.Writer.TryComplete(t.IsFaulted ? t.Exception!.GetBaseException() : t.Result.Failure),
            TaskScheduler.Default);
    }

    /// <summary>The job's name.</summary>
    public string Name { get; }

    /// <summary>The runtime's handle: status, metrics, savepoints, cancellation, completion.</summary>
    public JobClient Client { get; }

    /// <summary>The schema of the result rows of a query; null for an <c>INSERT</c> job.</summary>
    public Schema? ResultSchema { get; }

    /// <summary>The query's changelog, in order (see the remarks); empty and complete for an <c>INSERT</c> job.</summary>
    public ChannelReader<RecordBatch> Results => _results.Reader;

    /// <summary>True when every source of the job is bounded, so the job ends by itself.</summary>
    public bool IsBounded { get; }

    /// <summary>The optimized plan of the job's statements, with changelog modes (as <c>EXPLAIN</c> prints it).</summary>
    public string Plan { get; }

    /// <summary>Completes when the job reached a terminal state.</summary>
    public Task<JobResult> Completion => Client.Completion;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!Client.Completion.IsCompleted)
        {
            await Client.CancelAsync().ConfigureAwait(false);
        }

        await Client.DisposeAsync().ConfigureAwait(false);
        while (_results.Reader.TryRead(out var batch))
        {
            batch.Dispose();
        }
    }
}
