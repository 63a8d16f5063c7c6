namespace Sluice.Cli.Output;

/// <summary>The result formats of <c>sluice run --output</c>.</summary>
internal enum OutputFormat
{
    /// <summary>A table: live on a terminal; otherwise the final table (bounded) or the changelog (unbounded) in tableau form.</summary>
    Table,

    /// <summary>One JSON object per change and line.</summary>
    Json,

    /// <summary>The final table as CSV.</summary>
    Csv,
}
