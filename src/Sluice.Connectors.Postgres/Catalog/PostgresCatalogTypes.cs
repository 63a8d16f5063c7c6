using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Catalog;

/// <summary>
/// The SQL type of a PostgreSQL column, from its <c>pg_type.typname</c> and <c>pg_attribute.atttypmod</c>, as Flink's
/// JDBC catalog maps them: <c>bool</c> BOOLEAN, <c>int2</c> SMALLINT, <c>int4</c> INT, <c>int8</c> BIGINT, <c>float4</c>
/// FLOAT, <c>float8</c> DOUBLE, <c>numeric(p,s)</c> DECIMAL(p,s) (without a precision DECIMAL(38,18)), <c>varchar(n)</c>
/// VARCHAR(n), <c>bpchar(n)</c> CHAR(n), <c>text</c> and unbounded <c>varchar</c> STRING, <c>bytea</c> BYTES, <c>date</c>
/// DATE, <c>time(p)</c> TIME(p), <c>timestamp(p)</c> TIMESTAMP(p), <c>timestamptz(p)</c> TIMESTAMP_LTZ(p) (p 6 when not
/// given) and one-dimensional arrays of these as ARRAY. Beyond Flink, <c>json</c>, <c>jsonb</c>, <c>uuid</c>, <c>name</c>
/// and <c>citext</c> are STRING (the connector reads them as text; PostgreSQL casts text back when written).
/// </summary>
internal static class PostgresCatalogTypes
{
    private const int VarHeader = 4;

    /// <summary>The SQL type of <paramref name="typeName"/> with <paramref name="typeModifier"/>, or null when it has none.</summary>
    public static DataType? Map(string typeName, int typeModifier, bool notNull)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        var type = typeName.StartsWith('_')
            ? Scalar(typeName[1..], typeModifier) is { } element ? DataTypes.Array(element) : null
            : Scalar(typeName, typeModifier);
        return type is not null && notNull ? type.NotNull() : type;
    }

    private static DataType? Scalar(string typeName, int typeModifier) => typeName switch
    {
        "bool" => DataTypes.Boolean(),
        "int2" => DataTypes.SmallInt(),
        "int4" => DataTypes.Int(),
        "int8" => DataTypes.BigInt(),
        "float4" => DataTypes.Float(),
        "float8" => DataTypes.Double(),
        "numeric" => Numeric(typeModifier),
        "varchar" => typeModifier >= VarHeader + 1 ? DataTypes.VarChar(typeModifier - VarHeader) : DataTypes.String(),
        "bpchar" => typeModifier >= VarHeader + 1 ? DataTypes.Char(typeModifier - VarHeader) : DataTypes.String(),
        "text" or "json" or "jsonb" or "uuid" or "name" or "citext" => DataTypes.String(),
        "bytea" => DataTypes.Bytes(),
        "date" => DataTypes.Date(),
        "time" => DataTypes.Time(Fraction(typeModifier)),
        "timestamp" => DataTypes.Timestamp(Fraction(typeModifier)),
        "timestamptz" => DataTypes.TimestampLtz(Fraction(typeModifier)),
        _ => null,
    };

    /// <summary><c>numeric(p,s)</c>: the modifier is <c>((p &lt;&lt; 16) | s) + 4</c>; none is Flink's DECIMAL(38,18).</summary>
    private static DataType? Numeric(int typeModifier)
    {
        if (typeModifier < VarHeader)
        {
            return DataTypes.Decimal(38, 18);
        }

        var precision = ((typeModifier - VarHeader) >> 16) & 0xFFFF;
        var scale = (typeModifier - VarHeader) & 0xFFFF;
        return precision is >= 1 and <= 38 && scale <= precision ? DataTypes.Decimal(precision, scale) : null;
    }

    /// <summary>Fractional seconds of a time type: the modifier, or PostgreSQL's default of 6.</summary>
    private static int Fraction(int typeModifier) => typeModifier is >= 0 and <= 6 ? typeModifier : 6;
}
