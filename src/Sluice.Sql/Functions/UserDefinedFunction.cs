namespace Sluice.Sql.Functions;

/// <summary>
/// The base of C# user-defined functions (Flink's <c>UserDefinedFunction</c>): <see cref="ScalarFunction"/>,
/// <see cref="TableFunction{TRow}"/> and <see cref="AggregateFunction{TResult, TAccumulator}"/>. A function class is
/// public, not abstract, and has a public parameterless constructor; it is registered with <c>CREATE FUNCTION name AS
/// 'Namespace.Class'</c> or <see cref="UserDefinedFunctionDescriptor.ToDefinition"/>.
/// </summary>
/// <remarks>
/// <para><b>Instances.</b> Every operator subtask that calls the function creates its own instance, so fields may hold
/// per-subtask state (caches, compiled patterns) without locks; instances are never shared between threads.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> is called once before the first call with the job parameters, and
/// <see cref="Close"/> when the operator closes (see docs/udf.md for the operators that call it).</para>
/// </remarks>
public abstract class UserDefinedFunction
{
    /// <summary>
    /// False when the function may return different results for the same arguments (a random or clock-reading
    /// function): the planner then never folds calls with constant arguments. Default true.
    /// </summary>
    public virtual bool IsDeterministic => true;

    /// <summary>Called once per instance before the first call.</summary>
    /// <param name="context">The job parameters.</param>
    public virtual void Open(FunctionContext context)
    {
    }

    /// <summary>Called once per instance after the last call; releases what <see cref="Open"/> acquired.</summary>
    public virtual void Close()
    {
    }
}
