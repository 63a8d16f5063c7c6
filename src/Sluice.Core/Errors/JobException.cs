namespace Sluice.Core.Errors;

/// <summary>A job could not be built, started or kept running (e.g. an invalid job graph, or too many restarts).</summary>
public class JobException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    public JobException(string message, ErrorDomain domain = ErrorDomain.User, Exception? innerException = null)
        : base(message, domain, RetryHint.None, innerException)
    {
    }
}
