using System.Threading.Channels;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Output;

/// <summary>
/// Shows the changelog of a query: <see cref="Start"/>, then <see cref="WriteBatch"/> for every batch in order,
/// then <see cref="Complete"/> when the query ended (finished, cancelled or stopped). One subclass per format.
/// </summary>
/// <remarks>
/// <para><b>Ownership.</b> <see cref="WriteBatch"/> reads the batch and leaves it with the caller;
/// <see cref="RunAsync"/> reads batches from a channel and disposes each one.</para>
/// <para><b>Threading.</b> Not thread-safe: one reader drives a formatter.</para>
/// </remarks>
internal abstract class ResultFormatter
{
    /// <summary>Creates the formatter.</summary>
    /// <param name="schema">The columns of the query's result.</param>
    /// <param name="text">The text forms of values.</param>
    protected ResultFormatter(Schema schema, ResultText text)
    {
        Schema = schema;
        Text = text;
    }

    /// <summary>The columns of the result.</summary>
    public Schema Schema { get; }

    /// <summary>The text forms of values.</summary>
    public ResultText Text { get; }

    /// <summary>The number of changes received so far.</summary>
    public long ChangeCount { get; private set; }

    /// <summary>
    /// True when the format writes to the output while the query runs (so that nothing else may draw on the same
    /// terminal meanwhile); false when it writes only at <see cref="Complete"/>.
    /// </summary>
    public virtual bool WritesWhileRunning => true;

    /// <summary>True when the format shows the job's progress itself (a live view), so no separate status line is needed.</summary>
    public virtual bool ShowsProgress => false;

    /// <summary>Called once before the first batch.</summary>
    public virtual void Start()
    {
    }

    /// <summary>Shows the logical rows of <paramref name="batch"/>.</summary>
    public void WriteBatch(RecordBatch batch)
    {
        ChangeCount += batch.RowCount;
        WriteBatchCore(batch);
    }

    /// <summary>Called once after the last batch.</summary>
    public abstract void Complete();

    /// <summary>
    /// Starts, shows every batch of <paramref name="results"/> (disposing each) until the channel completes, then
    /// completes. A channel completed with an error rethrows it without <see cref="Complete"/>.
    /// </summary>
    /// <param name="results">The query's changelog.</param>
    /// <param name="progress">The job's progress line, for formats that show it (<see cref="ShowsProgress"/>).</param>
    /// <param name="cancellationToken">Stops reading (the caller cancels the job instead, normally).</param>
    public virtual async Task RunAsync(ChannelReader<RecordBatch> results, Func<string?>? progress, CancellationToken cancellationToken)
    {
        Start();
        await ConsumeAsync(results, cancellationToken).ConfigureAwait(false);
        Complete();
    }

    /// <summary>
    /// Shows every batch of <paramref name="results"/> (disposing each) until the channel completes, without
    /// <see cref="Start"/> and <see cref="Complete"/>. A channel completed with an error rethrows it.
    /// </summary>
    public async Task ConsumeAsync(ChannelReader<RecordBatch> results, CancellationToken cancellationToken)
    {
        while (await results.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (results.TryRead(out var batch))
            {
                using (batch)
                {
                    WriteBatch(batch);
                }
            }
        }
    }

    /// <summary>Shows the logical rows of <paramref name="batch"/> (the caller keeps it).</summary>
    protected abstract void WriteBatchCore(RecordBatch batch);
}
