using System.ComponentModel.DataAnnotations;

namespace Sluice.Server.Contracts;

/// <summary>A script to validate, explain or preview.</summary>
/// <param name="Sql">The script.</param>
/// <param name="MaxRows">Preview: stop after this many changes (default 1000).</param>
internal sealed record SqlRequest([property: Required] string? Sql, int? MaxRows = null);
