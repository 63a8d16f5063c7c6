using System.Globalization;
using Sluice.Core.Types;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A type without nested types: numbers, strings, binaries, dates, times and timestamps.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The type name.</param>
/// <param name="Length">The length of <c>CHAR</c>, <c>VARCHAR</c>, <c>BINARY</c>, <c>VARBINARY</c>, if written.</param>
/// <param name="Precision">The precision of <c>DECIMAL</c>, <c>TIME</c>, <c>TIMESTAMP</c>, <c>TIMESTAMP_LTZ</c>, if written.</param>
/// <param name="Scale">The scale of <c>DECIMAL</c>, if written.</param>
/// <param name="IsNotNull">True when <c>NOT NULL</c> is written.</param>
public sealed record PrimitiveDataType(SourceSpan Span, PrimitiveTypeName Name, int? Length, int? Precision, int? Scale, bool IsNotNull)
    : SqlDataType(Span, IsNotNull)
{
    /// <inheritdoc />
    protected override DataType ToNullableDataType()
    {
        switch (Name)
        {
            case PrimitiveTypeName.Boolean: return DataTypes.Boolean();
            case PrimitiveTypeName.TinyInt: return DataTypes.TinyInt();
            case PrimitiveTypeName.SmallInt: return DataTypes.SmallInt();
            case PrimitiveTypeName.Int: return DataTypes.Int();
            case PrimitiveTypeName.BigInt: return DataTypes.BigInt();
            case PrimitiveTypeName.Float: return DataTypes.Float();
            case PrimitiveTypeName.Double: return DataTypes.Double();
            case PrimitiveTypeName.String: return DataTypes.String();
            case PrimitiveTypeName.Bytes: return DataTypes.Bytes();
            case PrimitiveTypeName.Date: return DataTypes.Date();
            case PrimitiveTypeName.Variant: return DataTypes.Variant();
            case PrimitiveTypeName.Decimal:
            {
                var precision = Precision ?? 10;
                var scale = Scale ?? 0;
                if (precision < 1 || precision > DataTypes.MaxDecimalPrecision)
                {
                    throw InvalidType(Invariant(
                        $"DECIMAL precision must be between 1 and {DataTypes.MaxDecimalPrecision} (both inclusive), not {precision}"));
                }

                if (scale < 0 || scale > precision)
                {
                    throw InvalidType(Invariant(
                        $"DECIMAL scale must be between 0 and the precision {precision} (both inclusive), not {scale}"));
                }

                return DataTypes.Decimal(precision, scale);
            }

            case PrimitiveTypeName.Char: return DataTypes.Char(CheckLength());
            case PrimitiveTypeName.VarChar: return DataTypes.VarChar(CheckLength());
            case PrimitiveTypeName.Binary: return DataTypes.Binary(CheckLength());
            case PrimitiveTypeName.VarBinary: return DataTypes.VarBinary(CheckLength());
            case PrimitiveTypeName.Time: return DataTypes.Time(CheckTimePrecision(0));
            case PrimitiveTypeName.Timestamp: return DataTypes.Timestamp(CheckTimePrecision(DataTypes.DefaultTimestampPrecision));
            case PrimitiveTypeName.TimestampLtz: return DataTypes.TimestampLtz(CheckTimePrecision(DataTypes.DefaultTimestampPrecision));
            default: throw InvalidType(Invariant($"unknown type {Name}"));
        }
    }

    private int CheckLength()
    {
        var length = Length ?? 1;
        if (length < 1)
        {
            throw InvalidType(Invariant(
                $"the length of {TypeKeyword()} must be between 1 and {DataTypes.MaxLength} (both inclusive), not {length}"));
        }

        return length;
    }

    private int CheckTimePrecision(int defaultPrecision)
    {
        var precision = Precision ?? defaultPrecision;
        if (precision < 0 || precision > DataTypes.MaxTimePrecision)
        {
            throw InvalidType(Invariant(
                $"the precision of {TypeKeyword()} must be between 0 and {DataTypes.MaxTimePrecision} (both inclusive), not {precision}"));
        }

        return precision;
    }

    private string TypeKeyword() => Name switch
    {
        PrimitiveTypeName.TimestampLtz => "TIMESTAMP_LTZ",
        _ => Name.ToString().ToUpperInvariant(),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
