namespace Sluice.Server.Contracts;

/// <summary>A built-in SQL function (for editors: completion and signature help).</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Kind">SCALAR, AGGREGATE, TABLE, ... as the catalog classifies it.</param>
/// <param name="Signatures">Its signatures, e.g. <c>SUBSTRING(STRING, INT, INT)</c>.</param>
/// <param name="Description">What it does, when the catalog says.</param>
internal sealed record FunctionResponse(string Name, string Kind, string Signatures, string? Description);
