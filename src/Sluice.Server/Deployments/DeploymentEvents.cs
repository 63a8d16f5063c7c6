using Sluice.Server.Contracts;
using Sluice.Server.Security;
using Sluice.Server.Storage;

namespace Sluice.Server.Deployments;

/// <summary>
/// Records deployment events in the store and in the log, with every secret value redacted from both.
/// </summary>
internal sealed partial class DeploymentEvents(MetadataStore store, SecretStore secrets, TimeProvider time, ILogger<DeploymentEvents> logger)
{
    /// <summary>Records an event.</summary>
    public void Add(string deploymentId, EventKind kind, string message, Exception? exception = null)
    {
        var text = secrets.Redact(message);
        var detail = exception is null ? null : secrets.Redact(exception.ToString());
        store.AppendEvent(deploymentId, time.GetUtcNow(), kind, text, detail);
        if (exception is null)
        {
            LogEvent(logger, deploymentId, kind, text);
        }
        else
        {
            LogFailure(logger, deploymentId, kind, text, detail!);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Deployment {DeploymentId}: {Kind}: {Message}")]
    private static partial void LogEvent(ILogger logger, string deploymentId, EventKind kind, string message);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Deployment {DeploymentId}: {Kind}: {Message}\n{Detail}")]
    private static partial void LogFailure(ILogger logger, string deploymentId, EventKind kind, string message, string detail);
}
