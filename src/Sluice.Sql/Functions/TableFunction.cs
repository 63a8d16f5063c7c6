namespace Sluice.Sql.Functions;

/// <summary>
/// A table function: any number of rows per call (Flink's <c>TableFunction&lt;T&gt;</c>), called in <c>FROM</c> with
/// <c>LATERAL TABLE(f(...))</c>, <c>CROSS JOIN LATERAL TABLE(...)</c> or <c>LEFT JOIN LATERAL TABLE(...) ON TRUE</c>.
/// Write public instance methods named <c>Eval</c> that either call <see cref="Collect"/> for every row (and return
/// <c>void</c>) or return an <see cref="IEnumerable{T}"/> of rows.
/// </summary>
/// <typeparam name="TRow">
/// The row: a record or class (one column per public property, in declaration order), a value tuple (columns
/// <c>f0</c>, <c>f1</c>, ...) or a single value (one column <c>f0</c>). <see cref="FunctionHintAttribute.Output"/>
/// declares the row type explicitly, with column names.
/// </typeparam>
/// <remarks>Argument nulls are handled as for <see cref="ScalarFunction"/>: a <c>NULL</c> argument of a non-nullable
/// parameter produces no rows (and a <c>LEFT JOIN</c> pads the input row with nulls).</remarks>
public abstract class TableFunction<TRow> : UserDefinedFunction
{
    private Action<TRow>? _collector;

    /// <summary>
    /// Sets where <see cref="Collect"/> sends rows. Called by the runtime before the first <c>Eval</c>; tests may call it
    /// to capture the rows of a function.
    /// </summary>
    public void SetCollector(Action<TRow> collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        _collector = collector;
    }

    /// <summary>Emits one row of the current call.</summary>
    /// <exception cref="InvalidOperationException">No collector was set.</exception>
    protected void Collect(TRow row)
    {
        var collector = _collector
            ?? throw new InvalidOperationException($"{GetType().Name}.Collect was called without a collector; the runtime sets one before Eval.");
        collector(row);
    }
}
