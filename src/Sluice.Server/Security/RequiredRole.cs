using Sluice.Server.Contracts;

namespace Sluice.Server.Security;

/// <summary>Endpoint metadata: the least role a caller needs; endpoints without it are open (static files, health).</summary>
/// <param name="Role">The role.</param>
internal sealed record RequiredRole(Role Role);
