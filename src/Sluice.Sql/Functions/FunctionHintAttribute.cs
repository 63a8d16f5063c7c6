namespace Sluice.Sql.Functions;

/// <summary>
/// Declares the SQL output type of a function class (Flink's <c>@FunctionHint(output = ...)</c>): the row type of a
/// <see cref="TableFunction{TRow}"/> (<c>[FunctionHint(Output = "ROW&lt;word STRING, pos INT&gt;")]</c>, whose fields
/// are matched by position to the row's properties or tuple items, and whose names become the column names) or the
/// result type of an <see cref="AggregateFunction{TResult, TAccumulator}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class FunctionHintAttribute : Attribute
{
    /// <summary>The output type in Flink's syntax, or null for the default mapping of the .NET type.</summary>
    public string? Output { get; init; }
}
