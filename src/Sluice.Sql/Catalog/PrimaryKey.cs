namespace Sluice.Sql.Catalog;

/// <summary>
/// The primary key of a table. Flink only accepts <c>NOT ENFORCED</c> keys: the engine trusts them (for upserts and
/// changelog normalization) but does not check them. Immutable.
/// </summary>
/// <param name="Name">The constraint name (generated as <c>PK_col1_col2</c> when the DDL gives none).</param>
/// <param name="Columns">The key columns, in order.</param>
public sealed record PrimaryKey(string Name, IReadOnlyList<string> Columns)
{
    /// <summary>The constraint as Flink prints it, for example <c>CONSTRAINT `PK_id` PRIMARY KEY (`id`) NOT ENFORCED</c>.</summary>
    public override string ToString() =>
        $"CONSTRAINT `{Name}` PRIMARY KEY ({string.Join(", ", Columns.Select(c => $"`{c}`"))}) NOT ENFORCED";
}
