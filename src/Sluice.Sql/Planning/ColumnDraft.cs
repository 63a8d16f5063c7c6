using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Planning;

/// <summary>A column of a table being created, before computed columns have types: from the DDL or from a LIKE source.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Kind">Physical, computed or metadata.</param>
/// <param name="Type">The declared type (null for computed columns until they are bound).</param>
/// <param name="Expression">The expression of a computed column.</param>
/// <param name="MetadataKey">The metadata key of a metadata column.</param>
/// <param name="IsVirtual">True for a virtual metadata column.</param>
/// <param name="Comment">The comment.</param>
/// <param name="Span">Where the column is declared (the LIKE clause for inherited columns).</param>
/// <param name="FromBase">True for a column inherited through LIKE.</param>
internal sealed record ColumnDraft(
    string Name,
    ColumnKind Kind,
    DataType? Type,
    SqlExpression? Expression,
    string? MetadataKey,
    bool IsVirtual,
    string? Comment,
    SourceSpan Span,
    bool FromBase)
{
    public static ColumnDraft FromCatalog(CatalogColumn column, SourceSpan span) =>
        new(column.Name, column.Kind, column.Kind == ColumnKind.Computed ? null : column.Type, column.Expression, column.MetadataKey,
            column.IsVirtual, column.Comment, span, true);

    public static ColumnDraft FromDefinition(ColumnDefinition definition) => definition switch
    {
        PhysicalColumn physical => new(physical.Name.Value, ColumnKind.Physical, physical.Type.ToDataType(), null, null, false,
            physical.Comment, physical.Name.Span, false),
        MetadataColumn metadata => new(metadata.Name.Value, ColumnKind.Metadata, metadata.Type.ToDataType(), null, metadata.MetadataKey,
            metadata.IsVirtual, metadata.Comment, metadata.Name.Span, false),
        ComputedColumn computed => new(computed.Name.Value, ColumnKind.Computed, null, computed.Expression, null, false,
            computed.Comment, computed.Name.Span, false),
        UntypedColumn untyped => throw new SqlException(SqlErrorCode.ValidationError, untyped.Span,
            $"Column '{untyped.Name.Value}' has no type: a column without a type is allowed only in CREATE TABLE ... AS SELECT (to reorder the query's columns)"),
        _ => throw new SqlException(SqlErrorCode.NotSupported, definition.Span, $"the column definition {SqlFormatter.Format(definition)} is not supported"),
    };
}
