namespace Sluice.Server.Contracts;

/// <summary>A column of a table.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its SQL type.</param>
/// <param name="Kind">PHYSICAL, COMPUTED or METADATA.</param>
internal sealed record ColumnResponse(string Name, string Type, string Kind);
