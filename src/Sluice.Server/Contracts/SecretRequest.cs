using System.ComponentModel.DataAnnotations;

namespace Sluice.Server.Contracts;

/// <summary>The body of <c>PUT /secrets/{name}</c>.</summary>
/// <param name="Value">The secret value; stored encrypted, never returned.</param>
internal sealed record SecretRequest([property: Required] string? Value);
