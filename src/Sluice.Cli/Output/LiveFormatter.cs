using System.Diagnostics;
using System.Threading.Channels;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Sql.Physical.Results;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Sluice.Cli.Output;

/// <summary>
/// The base of the views that redraw a terminal in place while a query runs (Spectre.Console's live display): a
/// table of at most as many rows as fit the terminal, and below it a line with the row count and the job's progress. The
/// view is redrawn at most four times a second and whenever the query ends; the last frame stays on the screen.
/// </summary>
/// <remarks>Not thread-safe: <see cref="RunAsync"/> drives it from one task.</remarks>
internal abstract class LiveFormatter : ResultFormatter
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);
    private readonly IAnsiConsole _console;

    /// <summary>Creates the view.</summary>
    protected LiveFormatter(IAnsiConsole console, Schema schema, ResultText text)
        : base(schema, text)
    {
        _console = console;
    }

    /// <inheritdoc />
    public override bool ShowsProgress => true;

    /// <summary>The number of rows that fit the terminal below the header and above the caption.</summary>
    protected int VisibleRows => Math.Max(1, _console.Profile.Height - 7);

    /// <inheritdoc />
    public override void Complete()
    {
    }

    /// <inheritdoc />
    public override async Task RunAsync(ChannelReader<RecordBatch> results, Func<string?>? progress, CancellationToken cancellationToken)
    {
        Start();
        await _console.Live(Render(progress?.Invoke()))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async context =>
            {
                var lastDraw = Stopwatch.GetTimestamp();
                var dirty = false;
                var more = true;
                while (more)
                {
                    var wait = results.WaitToReadAsync(cancellationToken).AsTask();
                    while (!wait.IsCompleted)
                    {
                        await Task.WhenAny(wait, Task.Delay(RedrawInterval, cancellationToken)).ConfigureAwait(false);
                        if (!wait.IsCompleted || dirty)
                        {
                            context.UpdateTarget(Render(progress?.Invoke()));
                            lastDraw = Stopwatch.GetTimestamp();
                            dirty = false;
                        }
                    }

                    more = await wait.ConfigureAwait(false);
                    while (results.TryRead(out var batch))
                    {
                        using (batch)
                        {
                            WriteBatch(batch);
                        }

                        dirty = true;
                    }

                    if (dirty && Stopwatch.GetElapsedTime(lastDraw) >= RedrawInterval)
                    {
                        context.UpdateTarget(Render(progress?.Invoke()));
                        lastDraw = Stopwatch.GetTimestamp();
                        dirty = false;
                    }
                }

                context.UpdateTarget(Render(progress?.Invoke()));
            }).ConfigureAwait(false);
        Complete();
    }

    /// <summary>The header cells (column names).</summary>
    protected abstract IReadOnlyList<string> Header { get; }

    /// <summary>The rows to show now (at most <see cref="VisibleRows"/>), in display order.</summary>
    protected abstract IReadOnlyList<string?[]> VisibleContent();

    /// <summary>The status line's first part, e.g. <c>12 rows</c>.</summary>
    protected abstract string Summary();

    private IRenderable Render(string? progress)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var name in Header)
        {
            table.AddColumn(new TableColumn(new Text(name, new Style(decoration: Decoration.Bold))).RightAligned().NoWrap());
        }

        foreach (var row in VisibleContent())
        {
            table.AddRow(row.Select(v => (IRenderable)(v is null
                ? new Text(TableauLayout.NullText, new Style(Color.Grey))
                : new Text(TableauLayout.Fit(v, 200)) { Overflow = Overflow.Ellipsis })));
        }

        var status = progress is null ? Summary() : Summary() + " · " + progress;
        return new Rows(table, new Text(status, new Style(Color.Grey)));
    }
}
