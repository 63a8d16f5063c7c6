namespace Sluice.Sql.Catalog.Functions;

/// <summary>Flink 2's built-in process table functions, called in <c>FROM</c> with a table argument.</summary>
public static partial class BuiltInFunctions
{
    /// <summary>
    /// <c>DEDUPLICATE_KEEP_FIRST(input =&gt; TABLE t [PARTITION BY k, ...] [, on_time =&gt; DESCRIPTOR(ts)]
    /// [, state_ttl =&gt; interval] [, reset_ttl_on_duplicate =&gt; boolean])</c>.
    /// </summary>
    public static FunctionDefinition DeduplicateKeepFirst { get; } = ProcessTable("DEDUPLICATE_KEEP_FIRST",
        "DEDUPLICATE_KEEP_FIRST(input => TABLE t [PARTITION BY k, ...], [on_time => DESCRIPTOR(ts),] [state_ttl => interval,] [reset_ttl_on_duplicate => boolean]): "
        + "the first row per key, insert-only (first arrival, or the smallest event time with on_time)");

    /// <summary><c>TO_CHANGELOG(input =&gt; TABLE t [PARTITION BY k, ...] [, op =&gt; DESCRIPTOR(name)] [, op_mapping =&gt; MAP[...]])</c>.</summary>
    public static FunctionDefinition ToChangelog { get; } = ProcessTable("TO_CHANGELOG",
        "TO_CHANGELOG(input => TABLE t [PARTITION BY k, ...], [op => DESCRIPTOR(op_column),] [op_mapping => MAP['INSERT', 'I', ...]]): "
        + "every change of the input as an inserted row with its kind in the op column");

    private static IEnumerable<FunctionDefinition> ProcessTableFunctions()
    {
        yield return DeduplicateKeepFirst;
        yield return ToChangelog;
    }

    private static FunctionDefinition ProcessTable(string name, string description) =>
        Define(name, FunctionKind.ProcessTable, call => throw call.Error($"{name} is a process table function; call it in FROM as {name}(input => TABLE t ...)"),
            [], description: description);
}
