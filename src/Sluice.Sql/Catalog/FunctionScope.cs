namespace Sluice.Sql.Catalog;

/// <summary>Where a user-defined function lives, as in Flink's function catalog.</summary>
public enum FunctionScope
{
    /// <summary>
    /// <c>CREATE TEMPORARY SYSTEM FUNCTION</c>: no catalog or database, visible everywhere, resolved before the built-in
    /// functions (so it can override one); lives as long as the session.
    /// </summary>
    TemporarySystem,

    /// <summary><c>CREATE TEMPORARY FUNCTION</c>: in a catalog and database, resolved before that database's catalog functions.</summary>
    Temporary,

    /// <summary><c>CREATE FUNCTION</c>: a catalog function, stored in its database (dropped with it).</summary>
    Catalog,
}
