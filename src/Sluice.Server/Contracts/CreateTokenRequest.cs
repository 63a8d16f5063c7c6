using System.ComponentModel.DataAnnotations;

namespace Sluice.Server.Contracts;

/// <summary>The body of <c>POST /tokens</c>.</summary>
/// <param name="Name">A label for the token.</param>
/// <param name="Role">What it may do.</param>
internal sealed record CreateTokenRequest([property: Required] string? Name, [property: Required] Role? Role);
