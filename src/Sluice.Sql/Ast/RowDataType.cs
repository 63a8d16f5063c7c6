using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>ROW&lt;name type [COMMENT '...'], ...&gt;</c> (also written <c>ROW(name type, ...)</c>).</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Fields">The fields, in order.</param>
/// <param name="IsNotNull">True when <c>NOT NULL</c> is written.</param>
public sealed record RowDataType(SourceSpan Span, NodeList<RowDataTypeField> Fields, bool IsNotNull) : SqlDataType(Span, IsNotNull)
{
    /// <inheritdoc />
    /// <remarks>Field comments are not part of <see cref="DataType"/> and are dropped.</remarks>
    protected override DataType ToNullableDataType()
    {
        var fields = new Field[Fields.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = Fields[i];
            if (!seen.Add(field.Name.Value))
            {
                throw new SqlException(SqlErrorCode.InvalidValue, field.Span,
                    $"the row field name '{field.Name.Value}' appears more than once");
            }

            fields[i] = DataTypes.Field(field.Name.Value, field.Type.ToDataType());
        }

        return DataTypes.Row(fields);
    }
}
