namespace Sluice.Sql.Functions;

/// <summary>
/// Declares the SQL type of a function parameter, a return value or a row field (a property or field of a record)
/// where the default mapping of its .NET type is not the one wanted: <c>[SqlType("DECIMAL(10, 2)")] decimal price</c>,
/// <c>[return: SqlType("VARCHAR(20)")]</c>, <c>[SqlType("TIMESTAMP(3)")]</c>. The type is written in Flink's syntax and
/// must fit the .NET type (a <see cref="decimal"/> is a <c>DECIMAL</c>, a <see cref="string"/> a <c>CHAR</c> or
/// <c>VARCHAR</c>, a list an <c>ARRAY</c> ...). <c>NOT NULL</c> in the text makes the type non-nullable.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Property | AttributeTargets.Field,
    AllowMultiple = false, Inherited = true)]
public sealed class SqlTypeAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="type">The SQL type, for example <c>DECIMAL(10, 2)</c>.</param>
    public SqlTypeAttribute(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        Type = type;
    }

    /// <summary>The SQL type as written.</summary>
    public string Type { get; }
}
