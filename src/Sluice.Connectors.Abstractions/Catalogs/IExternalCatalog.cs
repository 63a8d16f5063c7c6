namespace Sluice.Connectors.Abstractions.Catalogs;

/// <summary>
/// A read-only catalog that reflects another system's metadata (Flink's JDBC catalog is one): its databases and tables
/// are those of the system, read when asked, so a table created there is visible at once, and its tables come with
/// the connector options that read and write them. Statements that would create, change or drop objects in it are
/// refused by the SQL layer.
/// </summary>
/// <remarks>Not thread-safe: a catalog belongs to one session. Disposed when the catalog is dropped or the session ends.</remarks>
public interface IExternalCatalog : IDisposable
{
    /// <summary>The database <c>USE CATALOG</c> makes current.</summary>
    string DefaultDatabase { get; }

    /// <summary>The databases, sorted by name.</summary>
    IReadOnlyList<string> ListDatabases();

    /// <summary>True when <paramref name="database"/> exists.</summary>
    bool DatabaseExists(string database);

    /// <summary>
    /// The tables of <paramref name="database"/> that <see cref="FindTable"/> can describe, sorted by name (tables with a
    /// column of a type without a SQL type are left out; <see cref="FindTable"/> says why).
    /// </summary>
    IReadOnlyList<ExternalTable> ListTables(string database);

    /// <summary>The table <paramref name="name"/> of <paramref name="database"/>, or null when there is none or the database does not exist.</summary>
    /// <exception cref="Sluice.Core.Errors.ConnectorException">The table has a column whose type has no SQL type (the message names it).</exception>
    ExternalTable? FindTable(string database, string name);
}
