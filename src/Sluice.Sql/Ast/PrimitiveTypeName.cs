namespace Sluice.Sql.Ast;

/// <summary>The name of a <see cref="PrimitiveDataType"/>; synonyms are folded (<c>INTEGER</c> is <see cref="Int"/>).</summary>
public enum PrimitiveTypeName
{
    /// <summary><c>BOOLEAN</c>.</summary>
    Boolean,

    /// <summary><c>TINYINT</c>.</summary>
    TinyInt,

    /// <summary><c>SMALLINT</c>.</summary>
    SmallInt,

    /// <summary><c>INT</c> or <c>INTEGER</c>.</summary>
    Int,

    /// <summary><c>BIGINT</c>.</summary>
    BigInt,

    /// <summary><c>FLOAT</c> or <c>REAL</c> (4-byte).</summary>
    Float,

    /// <summary><c>DOUBLE</c> or <c>DOUBLE PRECISION</c>.</summary>
    Double,

    /// <summary><c>DECIMAL</c>, <c>DEC</c> or <c>NUMERIC</c>.</summary>
    Decimal,

    /// <summary><c>CHAR</c>.</summary>
    Char,

    /// <summary><c>VARCHAR</c>.</summary>
    VarChar,

    /// <summary><c>STRING</c>.</summary>
    String,

    /// <summary><c>BINARY</c>.</summary>
    Binary,

    /// <summary><c>VARBINARY</c>.</summary>
    VarBinary,

    /// <summary><c>BYTES</c>.</summary>
    Bytes,

    /// <summary><c>DATE</c>.</summary>
    Date,

    /// <summary><c>TIME</c>.</summary>
    Time,

    /// <summary><c>TIMESTAMP [WITHOUT TIME ZONE]</c>.</summary>
    Timestamp,

    /// <summary><c>TIMESTAMP_LTZ</c> or <c>TIMESTAMP WITH LOCAL TIME ZONE</c>.</summary>
    TimestampLtz,

    /// <summary><c>VARIANT</c>: a semi-structured value (Flink 2.1).</summary>
    Variant,
}
