namespace Sluice.Cli.Output;

/// <summary>
/// The shell's result modes, Flink's <c>SET 'sql-client.execution.result-mode' = 'table' | 'changelog' | 'tableau'</c>.
/// </summary>
internal enum ResultMode
{
    /// <summary>The materialized result, updated in place (the default).</summary>
    Table,

    /// <summary>The changes as they arrive, with their op.</summary>
    Changelog,

    /// <summary>Boxed text printed as changes arrive.</summary>
    Tableau,
}
