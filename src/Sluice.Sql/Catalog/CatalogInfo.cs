namespace Sluice.Sql.Catalog;

/// <summary>
/// A catalog of the session (Flink's <c>CREATE CATALOG</c>): its name, comment and the options it was created with
/// (<c>'type'</c> among them). Immutable.
/// </summary>
/// <param name="Name">The catalog's name.</param>
/// <param name="DefaultDatabase">The database that <c>USE CATALOG</c> makes current.</param>
/// <param name="Comment">The comment, or null.</param>
/// <param name="Options">The options, <c>'type'</c> included.</param>
public sealed record CatalogInfo(string Name, string DefaultDatabase, string? Comment, IReadOnlyDictionary<string, string> Options);
