using Sluice.Core.Types;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>MULTISET&lt;element&gt;</c> (also written <c>element MULTISET</c>).</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="ElementType">The element type.</param>
/// <param name="IsNotNull">True when <c>NOT NULL</c> is written.</param>
public sealed record MultisetDataType(SourceSpan Span, SqlDataType ElementType, bool IsNotNull) : SqlDataType(Span, IsNotNull)
{
    /// <inheritdoc />
    protected override DataType ToNullableDataType() => DataTypes.Multiset(ElementType.ToDataType());
}
