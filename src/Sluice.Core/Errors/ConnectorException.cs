namespace Sluice.Core.Errors;

/// <summary>A connector (source or sink) failed; carries the connector's name.</summary>
public class ConnectorException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    public ConnectorException(string connector, string message, ErrorDomain domain = ErrorDomain.External,
        RetryHint retry = RetryHint.WithBackoff, Exception? innerException = null)
        : base($"{connector}: {message}", domain, retry, innerException)
    {
        Connector = connector;
    }

    /// <summary>The connector's name, e.g. "filesystem".</summary>
    public string Connector { get; }
}
