namespace Sluice.Server.Contracts;

/// <summary>What an API token may do; each role includes the ones before it.</summary>
internal enum Role
{
    /// <summary>Reads deployments, metrics, the catalog; validates and explains SQL.</summary>
    Viewer = 1,

    /// <summary>Also creates, changes and deletes deployments, takes savepoints and previews queries.</summary>
    Editor = 2,

    /// <summary>Also manages tokens and secrets.</summary>
    Admin = 3,
}
