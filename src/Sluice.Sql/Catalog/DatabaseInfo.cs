namespace Sluice.Sql.Catalog;

/// <summary>A database of a catalog (Flink's <c>CREATE DATABASE</c>): its names, comment and properties. Immutable.</summary>
/// <param name="Catalog">The catalog the database belongs to.</param>
/// <param name="Name">The database's name.</param>
/// <param name="Comment">The comment, or null.</param>
/// <param name="Properties">The properties of <c>WITH (...)</c>.</param>
public sealed record DatabaseInfo(string Catalog, string Name, string? Comment, IReadOnlyDictionary<string, string> Properties);
