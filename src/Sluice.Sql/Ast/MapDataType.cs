using Sluice.Core.Types;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>MAP&lt;key, value&gt;</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="KeyType">The key type.</param>
/// <param name="ValueType">The value type.</param>
/// <param name="IsNotNull">True when <c>NOT NULL</c> is written.</param>
public sealed record MapDataType(SourceSpan Span, SqlDataType KeyType, SqlDataType ValueType, bool IsNotNull) : SqlDataType(Span, IsNotNull)
{
    /// <inheritdoc />
    protected override DataType ToNullableDataType() => DataTypes.Map(KeyType.ToDataType(), ValueType.ToDataType());
}
