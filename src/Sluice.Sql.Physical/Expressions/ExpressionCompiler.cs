using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Compiles bound expressions once per plan into trees of column kernels: each node computes a whole column with
/// loops over the spans of its children's vectors, so evaluation never walks the expression tree per row. Functions
/// follow Flink's semantics, null handling and result types (as the binder inferred them).
/// </summary>
/// <remarks>
/// <para><b>Selection-aware evaluation.</b> Kernels compute a frame of rows (all rows of a batch, or a subset).
/// <c>CASE</c>, <c>IF</c>, <c>NULLIF</c>, <c>COALESCE</c>/<c>IFNULL</c> evaluate each branch only on the rows that
/// reach it and scatter the parts back; <c>AND</c>/<c>OR</c> evaluate a right operand that may fail only where the left
/// one does not decide (as Flink's generated code short-circuits); a batch's selection limits evaluation to the
/// selected rows when the expression may fail. So <c>CASE WHEN x &lt;&gt; 0 THEN 10 / x END</c> never divides by zero.</para>
/// <para><b>Supported.</b> Input references, literals, field access on rows. Operators: <c>+ - * / %</c> and unary
/// minus on all numeric types (integers wrap; <c>DECIMAL</c> exact up to 38 digits, rounded half up, NULL on overflow
/// as Flink), date-time ± interval (both kinds), interval ± interval, interval × or ÷ number; comparisons on every
/// orderable type (decimals of any scales exactly), <c>=</c>/<c>&lt;&gt;</c> on arrays, maps and rows;
/// <c>IS [NOT] DISTINCT FROM</c>; <c>AND</c>, <c>OR</c>, <c>NOT</c>; <c>IS [NOT] NULL/TRUE/FALSE</c> (and UNKNOWN);
/// <c>IN</c>/<c>NOT IN</c> (a hash set for constant lists); <c>BETWEEN</c> (bound as comparisons); <c>LIKE</c> and
/// <c>SIMILAR TO</c> with <c>ESCAPE</c>; <c>||</c>; <c>CASE</c>; <c>CAST</c> and <c>TRY_CAST</c> between all types
/// Flink allows (Flink's text forms: <c>TRUE</c>, <c>1.0E10</c>, <c>1.50</c>, <c>2024-01-01 10:00:00.123</c>; CHAR/VARCHAR
/// and BINARY/VARBINARY lengths; element-wise for arrays, maps and rows); <c>ARRAY[...]</c>, <c>MAP[...]</c>,
/// <c>ROW(...)</c>, <c>a[i]</c>, <c>m[k]</c>.</para>
/// <para>Functions: <c>COALESCE IFNULL IF NULLIF GREATEST LEAST</c>; <c>ABS MOD ROUND TRUNCATE FLOOR CEIL CEILING SIGN
/// POWER SQRT EXP LN LOG LOG10 LOG2 SIN COS TAN ASIN ACOS ATAN DEGREES RADIANS PI E RAND RAND_INTEGER UUID</c>;
/// <c>UPPER LOWER INITCAP CHAR_LENGTH CHARACTER_LENGTH TRIM LTRIM RTRIM SUBSTRING SUBSTR POSITION LOCATE INSTR OVERLAY
/// CONCAT CONCAT_WS REPLACE LPAD RPAD REPEAT REVERSE LEFT RIGHT ASCII CHR SPLIT_INDEX REGEXP REGEXP_EXTRACT
/// REGEXP_EXTRACT_ALL REGEXP_REPLACE REGEXP_COUNT REGEXP_INSTR REGEXP_SUBSTR STARTSWITH ENDSWITH PRINTF TO_BASE64
/// FROM_BASE64 MD5 SHA1 SHA224 SHA256 SHA384 SHA512 SHA2 ELT SPLIT JSON_QUOTE JSON_UNQUOTE ENCODE DECODE</c>;
/// <c>EXTRACT YEAR QUARTER MONTH WEEK DAYOFYEAR DAYOFMONTH DAYOFWEEK HOUR MINUTE SECOND FLOOR/CEIL(x TO unit)
/// TIMESTAMPADD TIMESTAMPDIFF DATE_FORMAT TO_TIMESTAMP TO_TIMESTAMP_LTZ TO_DATE UNIX_TIMESTAMP FROM_UNIXTIME CONVERT_TZ
/// CURRENT_TIMESTAMP NOW PROCTIME CURRENT_ROW_TIMESTAMP LOCALTIMESTAMP CURRENT_DATE CURRENT_TIME LOCALTIME</c> (session
/// time zone and clock from the <see cref="ExpressionEnvironment"/>), <c>CURRENT_WATERMARK</c> (the operator's watermark,
/// when the environment offers one: <see cref="ExpressionEnvironment.CurrentWatermark"/>); <c>JSON_VALUE JSON_QUERY JSON_EXISTS JSON_OBJECT
/// JSON_ARRAY JSON_STRING</c>; <c>CARDINALITY ELEMENT ARRAY_CONTAINS</c>; C# scalar functions (<c>CREATE FUNCTION</c>: one
/// delegate call per row, compiled once).</para>
/// <para>Not supported (a compile-time <see cref="SluiceException"/> in <see cref="ErrorDomain.User"/> naming the
/// function): <c>CURRENT_WATERMARK</c> without <see cref="ExpressionEnvironment.CurrentWatermark"/>, user-defined table and aggregate functions, aggregate and window functions outside their
/// operators, and the few casts Flink allows that have no execution here (strings to intervals or constructed types).</para>
/// <para><b>Errors.</b> Division or modulo by zero (integers, decimals), invalid casts (naming the value and target
/// type; NULL for <c>TRY_CAST</c>), invalid patterns, <c>FROM_BASE64</c> of bad input, <c>ELEMENT</c> of a longer array
/// and <c>ERROR ON ...</c> JSON behaviors throw <see cref="SluiceException"/> in <see cref="ErrorDomain.User"/>.</para>
/// <para><b>Cost.</b> Numeric, temporal and comparison kernels do not allocate per row; string functions build values
/// in reused buffers, but case mapping of non-ASCII text, regular-expression groups and JSON parsing allocate.</para>
/// </remarks>
public static class ExpressionCompiler
{
    /// <summary>Compiles <paramref name="expression"/> over rows of <paramref name="inputSchema"/> in UTC with the system clock.</summary>
    /// <exception cref="SluiceException">The expression uses something not supported in execution yet.</exception>
    public static CompiledExpression Compile(BoundExpression expression, Schema inputSchema) =>
        Compile(expression, inputSchema, ExpressionEnvironment.Default);

    /// <summary>
    /// Compiles <paramref name="expression"/> over rows of <paramref name="inputSchema"/>; time-zone-dependent and
    /// clock functions use <paramref name="environment"/>.
    /// </summary>
    /// <exception cref="SluiceException">The expression uses something not supported in execution yet, or a constant
    /// argument is invalid (a date-time pattern, a JSON path, a LIKE escape).</exception>
    public static CompiledExpression Compile(BoundExpression expression, Schema inputSchema, ExpressionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(environment);
        var root = new KernelBuilder(inputSchema, environment).Build(expression);
        if (!root.Type.EqualsIgnoringNullability(expression.Type) && expression.Type.TypeId != TypeId.Null)
        {
            root = new TypeOverrideKernel(root, expression.Type);
        }

        return new CompiledExpression(root, new EvaluationContext(environment));
    }

    /// <summary>Compiles a <c>BOOLEAN</c> <paramref name="expression"/> as a filter, in UTC with the system clock.</summary>
    /// <exception cref="SluiceException">The expression is not boolean or is not supported in execution yet.</exception>
    public static CompiledPredicate CompilePredicate(BoundExpression expression, Schema inputSchema) =>
        CompilePredicate(expression, inputSchema, ExpressionEnvironment.Default);

    /// <summary>Compiles a <c>BOOLEAN</c> <paramref name="expression"/> as a filter with <paramref name="environment"/>.</summary>
    /// <exception cref="SluiceException">The expression is not boolean or is not supported in execution yet.</exception>
    public static CompiledPredicate CompilePredicate(BoundExpression expression, Schema inputSchema, ExpressionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Type.TypeId != TypeId.Boolean)
        {
            throw new SluiceException($"A filter must be BOOLEAN, not {expression.Type}.", ErrorDomain.User);
        }

        return new CompiledPredicate(Compile(expression, inputSchema, environment));
    }
}
