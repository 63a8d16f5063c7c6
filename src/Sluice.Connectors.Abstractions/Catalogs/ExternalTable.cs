using Sluice.Core.Schemas;

namespace Sluice.Connectors.Abstractions.Catalogs;

/// <summary>A table of an <see cref="IExternalCatalog"/>, as the SQL layer sees it.</summary>
/// <param name="Name">The table's name in its database, as written in SQL (e.g. <c>public.orders</c>).</param>
/// <param name="Schema">The columns with their SQL types (<c>NOT NULL</c> where the system says so), in column order.</param>
/// <param name="PrimaryKey">The primary key's columns, in key order; empty when there is none.</param>
/// <param name="Options">The connector options that read and write the table (<c>'connector'</c> among them).</param>
public sealed record ExternalTable(string Name, Schema Schema, IReadOnlyList<string> PrimaryKey, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The primary key constraint's name in the system, or null (a name is made up from the columns).</summary>
    public string? PrimaryKeyName { get; init; }

    /// <summary>The table's comment in the system, or null.</summary>
    public string? Comment { get; init; }
}
