using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>Data types in Flink's syntax.</summary>
public sealed partial class SqlParser
{
    private const string DataTypeLabel = "data type";

    /// <summary><c>type [NOT NULL | NULL] [ARRAY | MULTISET [NOT NULL | NULL]]*</c>.</summary>
    private SqlDataType ParseType()
    {
        Enter();
        var start = Current.Span;
        var type = ParseNullability(ParseTypeCore());
        var chain = 0;
        while (IsKeyword("ARRAY") || IsKeyword("MULTISET"))
        {
            Enter();
            chain++;
            var isArray = Advance().IsKeyword("ARRAY");
            type = isArray
                ? new ArrayDataType(SpanFrom(start), type, false)
                : new MultisetDataType(SpanFrom(start), type, false);
            type = ParseNullability(type);
        }

        _depth -= chain;
        Exit();
        return type;
    }

    private SqlDataType ParseNullability(SqlDataType type)
    {
        if (IsKeywordPair("NOT", "NULL"))
        {
            Advance();
            Advance();
            return type with { Span = SpanFrom(type.Span), IsNotNull = true };
        }

        // "NULL ON ..." after a type is a JSON behavior (JSON_VALUE(... RETURNING INT NULL ON ERROR)), not nullability.
        if (IsKeyword("NULL") && !PeekToken(1).IsKeyword("ON"))
        {
            Advance();
            return type with { Span = SpanFrom(type.Span) };
        }

        return type;
    }

    private SqlDataType ParseTypeCore()
    {
        Note(DataTypeLabel);
        var token = Current;
        if (token.Kind != TokenKind.Word)
        {
            throw Unexpected();
        }

        var start = token.Span;
        switch (token.Text.ToUpperInvariant())
        {
            case "BOOLEAN": return Simple(PrimitiveTypeName.Boolean);
            case "TINYINT": return Simple(PrimitiveTypeName.TinyInt);
            case "SMALLINT": return Simple(PrimitiveTypeName.SmallInt);
            case "INT" or "INTEGER": return Simple(PrimitiveTypeName.Int);
            case "BIGINT": return Simple(PrimitiveTypeName.BigInt);
            case "FLOAT" or "REAL": return Simple(PrimitiveTypeName.Float);
            case "STRING": return Simple(PrimitiveTypeName.String);
            case "BYTES": return Simple(PrimitiveTypeName.Bytes);
            case "DATE": return Simple(PrimitiveTypeName.Date);
            case "VARIANT": return Simple(PrimitiveTypeName.Variant);
            case "DOUBLE":
                Advance();
                AcceptKeyword("PRECISION");
                return new PrimitiveDataType(SpanFrom(start), PrimitiveTypeName.Double, null, null, null, false);
            case "DECIMAL" or "DEC" or "NUMERIC":
            {
                Advance();
                int? precision = null;
                int? scale = null;
                if (Accept(TokenKind.LeftParen))
                {
                    precision = ParseInt32();
                    if (Accept(TokenKind.Comma))
                    {
                        scale = ParseInt32();
                    }

                    Expect(TokenKind.RightParen);
                }

                return new PrimitiveDataType(SpanFrom(start), PrimitiveTypeName.Decimal, null, precision, scale, false);
            }

            case "CHAR" or "CHARACTER":
            {
                Advance();
                var name = AcceptKeyword("VARYING") ? PrimitiveTypeName.VarChar : PrimitiveTypeName.Char;
                return new PrimitiveDataType(SpanFrom(start), name, ParseOptionalLength(), null, null, false);
            }

            case "VARCHAR":
                Advance();
                return new PrimitiveDataType(SpanFrom(start), PrimitiveTypeName.VarChar, ParseOptionalLength(), null, null, false);
            case "BINARY":
            {
                Advance();
                var name = AcceptKeyword("VARYING") ? PrimitiveTypeName.VarBinary : PrimitiveTypeName.Binary;
                return new PrimitiveDataType(SpanFrom(start), name, ParseOptionalLength(), null, null, false);
            }

            case "VARBINARY":
                Advance();
                return new PrimitiveDataType(SpanFrom(start), PrimitiveTypeName.VarBinary, ParseOptionalLength(), null, null, false);
            case "TIME":
            {
                Advance();
                var precision = ParseOptionalLength();
                if (AcceptKeyword("WITHOUT", "WITHOUT TIME ZONE"))
                {
                    ExpectKeyword("TIME");
                    ExpectKeyword("ZONE");
                }

                return new PrimitiveDataType(SpanFrom(start), PrimitiveTypeName.Time, null, precision, null, false);
            }

            case "TIMESTAMP":
            {
                Advance();
                var precision = ParseOptionalLength();
                var name = PrimitiveTypeName.Timestamp;
                if (AcceptKeyword("WITHOUT", "WITHOUT TIME ZONE"))
                {
                    ExpectKeyword("TIME");
                    ExpectKeyword("ZONE");
                }
                else if (IsKeyword("WITH", "WITH LOCAL TIME ZONE"))
                {
                    var with = Advance();
                    if (IsKeyword("TIME"))
                    {
                        throw NotSupported(with.Span, "TIMESTAMP WITH TIME ZONE (use TIMESTAMP_LTZ or TIMESTAMP WITH LOCAL TIME ZONE)");
                    }

                    ExpectKeyword("LOCAL");
                    ExpectKeyword("TIME");
                    ExpectKeyword("ZONE");
                    name = PrimitiveTypeName.TimestampLtz;
                }

                return new PrimitiveDataType(SpanFrom(start), name, null, precision, null, false);
            }

            case "TIMESTAMP_LTZ":
                Advance();
                return new PrimitiveDataType(SpanFrom(start), PrimitiveTypeName.TimestampLtz, null, ParseOptionalLength(), null, false);
            case "INTERVAL":
            {
                Advance();
                var qualifier = ParseIntervalQualifier();
                return new IntervalDataType(SpanFrom(start), qualifier, false);
            }

            case "ARRAY" or "MULTISET":
            {
                var isArray = Advance().IsKeyword("ARRAY");
                Expect(TokenKind.Less);
                var element = ParseType();
                Expect(TokenKind.Greater);
                return isArray
                    ? new ArrayDataType(SpanFrom(start), element, false)
                    : new MultisetDataType(SpanFrom(start), element, false);
            }

            case "MAP":
            {
                Advance();
                Expect(TokenKind.Less);
                var key = ParseType();
                Expect(TokenKind.Comma);
                var value = ParseType();
                Expect(TokenKind.Greater);
                return new MapDataType(SpanFrom(start), key, value, false);
            }

            case "ROW":
                return ParseRowType();
            case "RAW":
                throw NotSupported(token.Span, "the RAW type");
            case "STRUCTURED":
                throw NotSupported(token.Span, "the STRUCTURED type");
            default:
                throw Unexpected();
        }

        SqlDataType Simple(PrimitiveTypeName name)
        {
            var typeToken = Advance();
            return new PrimitiveDataType(typeToken.Span, name, null, null, null, false);
        }
    }

    /// <summary><c>'(' n ')'</c>, if present.</summary>
    private int? ParseOptionalLength()
    {
        if (!Accept(TokenKind.LeftParen))
        {
            return null;
        }

        var value = ParseInt32();
        Expect(TokenKind.RightParen);
        return value;
    }

    /// <summary><c>ROW&lt;name type [COMMENT '...'], ...&gt;</c> or <c>ROW(name type, ...)</c>.</summary>
    private RowDataType ParseRowType()
    {
        var start = ExpectKeyword("ROW").Span;
        TokenKind close;
        if (Current.Kind == TokenKind.NotEqual && Current.Text == "<>")
        {
            // "ROW<>" lexes as the operator "<>".
            Advance();
            return new RowDataType(SpanFrom(start), NodeList<RowDataTypeField>.Empty, false);
        }

        if (Accept(TokenKind.Less))
        {
            close = TokenKind.Greater;
        }
        else if (Accept(TokenKind.LeftParen))
        {
            close = TokenKind.RightParen;
        }
        else
        {
            throw Unexpected();
        }

        var fields = new List<RowDataTypeField>();
        if (!Is(close))
        {
            do
            {
                var name = ParseIdentifier();
                var type = ParseType();
                var comment = ParseOptionalComment();
                fields.Add(new RowDataTypeField(SpanFrom(name.Span), name, type, comment));
            }
            while (Accept(TokenKind.Comma));
        }

        Expect(close);
        return new RowDataType(SpanFrom(start), NodeList<RowDataTypeField>.From(fields), false);
    }
}
