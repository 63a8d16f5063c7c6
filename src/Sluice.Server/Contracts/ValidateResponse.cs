namespace Sluice.Server.Contracts;

/// <summary>The result of validating a script.</summary>
/// <param name="Valid">True when there is no error.</param>
/// <param name="Errors">The errors (validation stops at the first failing statement).</param>
internal sealed record ValidateResponse(bool Valid, IReadOnlyList<SqlError> Errors);
