namespace Sluice.Server.Contracts;

/// <summary>A secret's name (never its value); scripts reference it as <c>${secret:name}</c>.</summary>
/// <param name="Name">The secret's name.</param>
/// <param name="UpdatedAt">When its value was last set.</param>
internal sealed record SecretResponse(string Name, DateTimeOffset UpdatedAt);
