namespace Sluice.Core.Errors;

/// <summary>State could not be read, written, restored or does not fit the job.</summary>
public class StateException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    public StateException(string message, ErrorDomain domain = ErrorDomain.Internal, Exception? innerException = null)
        : base(message, domain, RetryHint.None, innerException)
    {
    }
}
