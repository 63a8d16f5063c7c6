using Sluice.Sql.Ast;

namespace Sluice.Sql;

/// <summary>Data types.</summary>
public sealed partial class SqlFormatter
{
    private void WriteType(SqlDataType type)
    {
        switch (type)
        {
            case PrimitiveDataType primitive:
                WritePrimitiveType(primitive);
                break;
            case IntervalDataType interval:
                _out.Append("INTERVAL ");
                WriteIntervalQualifier(interval.Qualifier);
                break;
            case ArrayDataType array:
                _out.Append("ARRAY<");
                WriteType(array.ElementType);
                _out.Append('>');
                break;
            case MultisetDataType multiset:
                _out.Append("MULTISET<");
                WriteType(multiset.ElementType);
                _out.Append('>');
                break;
            case MapDataType map:
                _out.Append("MAP<");
                WriteType(map.KeyType);
                _out.Append(", ");
                WriteType(map.ValueType);
                _out.Append('>');
                break;
            case RowDataType row:
                _out.Append("ROW<");
                WriteList(row.Fields, WriteRowField);
                _out.Append('>');
                break;
            default:
                _out.Append("/* ").Append(type.GetType().Name).Append(" */");
                break;
        }

        if (type.IsNotNull)
        {
            _out.Append(" NOT NULL");
        }
    }

    private void WriteRowField(RowDataTypeField field)
    {
        WriteIdentifier(field.Name);
        _out.Append(' ');
        WriteType(field.Type);
        WriteComment(field.Comment);
    }

    private void WritePrimitiveType(PrimitiveDataType type)
    {
        _out.Append(type.Name switch
        {
            PrimitiveTypeName.Boolean => "BOOLEAN",
            PrimitiveTypeName.TinyInt => "TINYINT",
            PrimitiveTypeName.SmallInt => "SMALLINT",
            PrimitiveTypeName.Int => "INT",
            PrimitiveTypeName.BigInt => "BIGINT",
            PrimitiveTypeName.Float => "FLOAT",
            PrimitiveTypeName.Double => "DOUBLE",
            PrimitiveTypeName.Decimal => "DECIMAL",
            PrimitiveTypeName.Char => "CHAR",
            PrimitiveTypeName.VarChar => "VARCHAR",
            PrimitiveTypeName.String => "STRING",
            PrimitiveTypeName.Binary => "BINARY",
            PrimitiveTypeName.VarBinary => "VARBINARY",
            PrimitiveTypeName.Bytes => "BYTES",
            PrimitiveTypeName.Date => "DATE",
            PrimitiveTypeName.Time => "TIME",
            PrimitiveTypeName.Timestamp => "TIMESTAMP",
            PrimitiveTypeName.Variant => "VARIANT",
            _ => "TIMESTAMP_LTZ",
        });
        var first = type.Length ?? type.Precision;
        if (first is not null)
        {
            _out.Append('(').Append(first.Value);
            if (type.Scale is not null)
            {
                _out.Append(", ").Append(type.Scale.Value);
            }

            _out.Append(')');
        }
    }
}
