namespace Sluice.Server.Contracts;

/// <summary>An option a connector or format accepts in a <c>WITH</c> clause.</summary>
/// <param name="Key">The key; a <c>#</c> segment stands for any one segment (usually a column name).</param>
/// <param name="Type">The value's type, e.g. <c>String</c>, <c>Long</c>, <c>Duration</c>, <c>Enum</c>.</param>
/// <param name="Required">True when the option must be given.</param>
/// <param name="Default">The default value, or null.</param>
/// <param name="Description">What it does.</param>
/// <param name="AllowedValues">The values of an enumeration option (empty otherwise).</param>
internal sealed record ConnectorOptionResponse(string Key, string Type, bool Required, string? Default, string Description, IReadOnlyList<string> AllowedValues);
