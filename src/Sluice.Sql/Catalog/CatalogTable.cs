using System.Collections.ObjectModel;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Sql.Catalog;

/// <summary>
/// A table created by <c>CREATE TABLE</c>: its columns (physical, computed, metadata), watermark, primary key,
/// distribution (<c>DISTRIBUTED BY</c>), partition keys, connector options and comment. Immutable; <c>ALTER TABLE</c> replaces the instance.
/// </summary>
/// <remarks>
/// <para><see cref="Schema"/> is the table as a query sees it: every column, computed and metadata ones included, in
/// declaration order, with the watermark column as its row-time column. <see cref="PersistedColumns"/> are the
/// columns an <c>INSERT</c> writes (virtual metadata and computed columns are read-only).</para>
/// <para>The constructor checks the invariants a programmatic caller could break (unique names, the watermark and
/// key columns exist); the DDL executor reports user errors with positions before it gets here.</para>
/// </remarks>
public sealed class CatalogTable : CatalogBaseTable
{
    private static readonly IReadOnlyDictionary<string, string> NoOptions =
        new ReadOnlyDictionary<string, string>(new SortedDictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Creates a table.</summary>
    /// <exception cref="ArgumentException">Duplicate column names, or the watermark, key, partition or bucket key columns do not
    /// exist, or the bucket count is below 1.</exception>
    public CatalogTable(
        ObjectIdentifier identifier,
        IEnumerable<CatalogColumn> columns,
        WatermarkSpec? watermark = null,
        PrimaryKey? primaryKey = null,
        IEnumerable<string>? partitionKeys = null,
        IEnumerable<KeyValuePair<string, string>>? options = null,
        string? comment = null,
        bool isTemporary = false,
        TableDistribution? distribution = null)
        : base(identifier, comment, isTemporary)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var list = columns.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in list)
        {
            if (!seen.Add(column.Name))
            {
                throw new ArgumentException($"Column '{column.Name}' appears more than once.", nameof(columns));
            }
        }

        var rowTimeIndex = -1;
        if (watermark is not null)
        {
            rowTimeIndex = list.FindIndex(c => c.Name == watermark.RowTimeColumn);
            if (rowTimeIndex < 0)
            {
                throw new ArgumentException($"The watermark column '{watermark.RowTimeColumn}' does not exist.", nameof(watermark));
            }

            list[rowTimeIndex] = list[rowTimeIndex] with { TimeAttribute = TimeAttribute.RowTime };
        }

        if (primaryKey is not null)
        {
            foreach (var key in primaryKey.Columns)
            {
                if (!seen.Contains(key))
                {
                    throw new ArgumentException($"The primary key column '{key}' does not exist.", nameof(primaryKey));
                }
            }
        }

        var partitions = partitionKeys?.ToArray() ?? [];
        foreach (var key in partitions)
        {
            if (!seen.Contains(key))
            {
                throw new ArgumentException($"The partition column '{key}' does not exist.", nameof(partitionKeys));
            }
        }

        if (distribution is not null)
        {
            foreach (var key in distribution.BucketKeys)
            {
                if (!seen.Contains(key))
                {
                    throw new ArgumentException($"The bucket key column '{key}' does not exist.", nameof(distribution));
                }
            }

            if (distribution.BucketCount is < 1)
            {
                throw new ArgumentException($"The bucket count {distribution.BucketCount} is below 1.", nameof(distribution));
            }
        }

        Columns = list.AsReadOnly();
        Distribution = distribution;
        Watermark = watermark;
        PrimaryKey = primaryKey;
        PartitionKeys = partitions;
        if (options is null)
        {
            Options = NoOptions;
        }
        else
        {
            var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in options)
            {
                sorted[key] = value;
            }

            Options = new ReadOnlyDictionary<string, string>(sorted);
        }

        Schema = new Schema(list.Select(c => new Field(c.Name, c.Type)), rowTimeIndex);
        PersistedColumns = list.Where(c => c.IsPersisted).ToArray();
    }

    /// <summary>All columns in declaration order.</summary>
    public IReadOnlyList<CatalogColumn> Columns { get; }

    /// <summary>The watermark clause, or null.</summary>
    public WatermarkSpec? Watermark { get; }

    /// <summary>The primary key, or null.</summary>
    public PrimaryKey? PrimaryKey { get; }

    /// <summary>The <c>DISTRIBUTED BY</c> / <c>DISTRIBUTED INTO</c> bucketing, or null.</summary>
    public TableDistribution? Distribution { get; }

    /// <summary>The <c>PARTITIONED BY</c> columns.</summary>
    public IReadOnlyList<string> PartitionKeys { get; }

    /// <summary>The <c>WITH</c> options, sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>The columns an <c>INSERT</c> writes, in order: physical and non-virtual metadata columns.</summary>
    public IReadOnlyList<CatalogColumn> PersistedColumns { get; }

    /// <inheritdoc />
    public override CatalogObjectKind Kind => CatalogObjectKind.Table;

    /// <summary>
    /// The table as a query sees it: every column with its type, the watermark column as row-time column.
    /// Processing-time columns are marked on <see cref="CatalogColumn.TimeAttribute"/>.
    /// </summary>
    public override Schema Schema { get; }

    /// <summary>The column named <paramref name="name"/> (case-sensitive), or null.</summary>
    public CatalogColumn? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <inheritdoc />
    public override CatalogBaseTable WithIdentifier(ObjectIdentifier identifier) =>
        new CatalogTable(identifier, Columns, Watermark, PrimaryKey, PartitionKeys, Options, Comment, IsTemporary, Distribution);

    /// <summary>A copy with other options (for <c>ALTER TABLE ... SET/RESET</c>).</summary>
    public CatalogTable WithOptions(IEnumerable<KeyValuePair<string, string>> options) =>
        new(Identifier, Columns, Watermark, PrimaryKey, PartitionKeys, options, Comment, IsTemporary, Distribution);

    /// <summary>A copy with another distribution, or none (for <c>ALTER TABLE ... ADD/MODIFY/DROP DISTRIBUTION</c>).</summary>
    public CatalogTable WithDistribution(TableDistribution? distribution) =>
        new(Identifier, Columns, Watermark, PrimaryKey, PartitionKeys, Options, Comment, IsTemporary, distribution);
}
