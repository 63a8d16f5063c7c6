namespace Sluice.Sql.Functions;

/// <summary>
/// A scalar function: one value per row (Flink's <c>ScalarFunction</c>). Write one or more public instance methods
/// named <c>Eval</c>; their .NET parameter and return types give the SQL signatures (see
/// <see cref="ClrTypeMapping"/>), and a call picks the overload its arguments fit, with Flink's implicit casts.
/// </summary>
/// <remarks>
/// <para><b>Nulls.</b> A nullable parameter (<c>int?</c>, <c>string?</c>) receives SQL <c>NULL</c> as <c>null</c>. When
/// the argument of a non-nullable parameter (<c>int</c>, <c>string</c> in a nullable-annotated assembly) is
/// <c>NULL</c>, <c>Eval</c> is not called and the result is <c>NULL</c>.</para>
/// <para><b>Types.</b> Declare precision and other details with <see cref="SqlTypeAttribute"/> on a parameter or on the
/// return value: <c>[return: SqlType("DECIMAL(10, 2)")]</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// public sealed class Mask : ScalarFunction
/// {
///     public string Eval(string value) => new string('*', value.Length);
///     public string Eval(string value, int keep) => ...;
/// }
/// </code>
/// </example>
public abstract class ScalarFunction : UserDefinedFunction
{
}
