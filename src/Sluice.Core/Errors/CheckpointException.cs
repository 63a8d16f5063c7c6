namespace Sluice.Core.Errors;

/// <summary>A checkpoint or savepoint failed, timed out, is corrupt or does not fit the job.</summary>
public class CheckpointException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message, ErrorDomain domain = ErrorDomain.Internal, Exception? innerException = null)
        : base(message, domain, domain == ErrorDomain.External ? RetryHint.WithBackoff : RetryHint.None, innerException)
    {
    }
}
