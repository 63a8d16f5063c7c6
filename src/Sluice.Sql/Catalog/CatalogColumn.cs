using System.Text;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Catalog;

/// <summary>
/// A column of a <see cref="CatalogTable"/>: physical, computed or metadata, with its resolved type. Immutable.
/// Create instances with <see cref="Physical"/>, <see cref="Computed"/> and <see cref="Metadata"/>.
/// </summary>
public sealed record CatalogColumn
{
    private CatalogColumn(string name, DataType type, ColumnKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        Kind = kind;
    }

    /// <summary>The column name (case-sensitive).</summary>
    public string Name { get; }

    /// <summary>The column type; for a computed column, the type of its expression.</summary>
    public DataType Type { get; }

    /// <summary>Physical, computed or metadata.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The expression of a computed column; null for the other kinds.</summary>
    public SqlExpression? Expression { get; private init; }

    /// <summary>The metadata key of a metadata column (null when it is the column name); null for the other kinds.</summary>
    public string? MetadataKey { get; private init; }

    /// <summary>True for a <c>VIRTUAL</c> metadata column: readable but not written to the sink.</summary>
    public bool IsVirtual { get; private init; }

    /// <summary>The column comment, if any.</summary>
    public string? Comment { get; init; }

    /// <summary>Whether the column is a time attribute. Set by the table for its watermark column and <c>PROCTIME()</c> columns.</summary>
    public TimeAttribute TimeAttribute { get; init; }

    /// <summary>True when an <c>INSERT</c> writes this column: physical columns and non-virtual metadata columns.</summary>
    public bool IsPersisted => Kind == ColumnKind.Physical || (Kind == ColumnKind.Metadata && !IsVirtual);

    /// <summary>A physical column.</summary>
    public static CatalogColumn Physical(string name, DataType type, string? comment = null) =>
        new(name, type, ColumnKind.Physical) { Comment = comment };

    /// <summary>A computed column: <paramref name="type"/> is the resolved type of <paramref name="expression"/>.</summary>
    public static CatalogColumn Computed(string name, DataType type, SqlExpression expression, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new CatalogColumn(name, type, ColumnKind.Computed) { Expression = expression, Comment = comment };
    }

    /// <summary>A metadata column, read from <paramref name="metadataKey"/> (or the column name when null).</summary>
    public static CatalogColumn Metadata(string name, DataType type, string? metadataKey, bool isVirtual, string? comment = null) =>
        new(name, type, ColumnKind.Metadata) { MetadataKey = metadataKey, IsVirtual = isVirtual, Comment = comment };

    /// <summary>A copy with another name.</summary>
    public CatalogColumn WithName(string name) => new(name, Type, Kind)
    {
        Expression = Expression,
        MetadataKey = MetadataKey,
        IsVirtual = IsVirtual,
        Comment = Comment,
        TimeAttribute = TimeAttribute,
    };

    /// <summary>A copy with another type (for example <c>NOT NULL</c> for a primary-key column).</summary>
    public CatalogColumn WithType(DataType type) => new(Name, type, Kind)
    {
        Expression = Expression,
        MetadataKey = MetadataKey,
        IsVirtual = IsVirtual,
        Comment = Comment,
        TimeAttribute = TimeAttribute,
    };

    /// <summary>
    /// The column as it would be declared in <c>CREATE TABLE</c>, for example <c>`ts` TIMESTAMP(3)</c>,
    /// <c>`day` AS CAST(`ts` AS DATE)</c> or <c>`offset` BIGINT METADATA VIRTUAL</c>.
    /// </summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Field.AppendQuotedName(builder, Name);
        builder.Append(' ').Append(Extras(includeType: true));
        return builder.ToString().TrimEnd();
    }

    /// <summary>
    /// What follows the name in a declaration: the type (optionally) and the <c>AS ...</c> or <c>METADATA ...</c> clause.
    /// </summary>
    internal string Extras(bool includeType)
    {
        switch (Kind)
        {
            case ColumnKind.Computed:
                return "AS " + SqlFormatter.FormatWithQuotedColumns(Expression!);
            case ColumnKind.Metadata:
            {
                var builder = new StringBuilder();
                if (includeType)
                {
                    builder.Append(Type).Append(' ');
                }

                builder.Append("METADATA");
                if (MetadataKey is not null)
                {
                    builder.Append(" FROM '").Append(MetadataKey.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                }

                if (IsVirtual)
                {
                    builder.Append(" VIRTUAL");
                }

                return builder.ToString();
            }

            default:
                return includeType ? Type.ToString() : "";
        }
    }
}
