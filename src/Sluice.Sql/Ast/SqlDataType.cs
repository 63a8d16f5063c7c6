using Sluice.Core.Types;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// The base of data type nodes, written in Flink's syntax (e.g. <c>DECIMAL(10, 2) NOT NULL</c>,
/// <c>ARRAY&lt;STRING&gt;</c>, <c>ROW&lt;a INT, b STRING&gt;</c>).
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="IsNotNull">True when <c>NOT NULL</c> is written.</param>
public abstract record SqlDataType(SourceSpan Span, bool IsNotNull) : SqlNode(Span)
{
    /// <summary>
    /// The <see cref="DataType"/> this syntax denotes, with Flink's defaults for omitted parameters
    /// (<c>VARCHAR</c> and <c>CHAR</c> have length 1, <c>DECIMAL</c> is <c>DECIMAL(10, 0)</c>, <c>TIME</c> has
    /// precision 0, <c>TIMESTAMP</c> precision 6).
    /// </summary>
    /// <exception cref="SqlException">A length, precision or scale is out of range, or two row fields share a name.</exception>
    public DataType ToDataType()
    {
        var type = ToNullableDataType();
        return IsNotNull ? type.NotNull() : type;
    }

    /// <summary>The denoted type, ignoring <see cref="IsNotNull"/>.</summary>
    /// <exception cref="SqlException">A parameter is out of range.</exception>
    protected abstract DataType ToNullableDataType();

    /// <summary>Creates a positioned <see cref="SqlErrorCode.InvalidValue"/> error about this type, for the caller to throw.</summary>
    protected SqlException InvalidType(string reason) => new(SqlErrorCode.InvalidValue, Span, reason);
}
