namespace Sluice.Core.Errors;

/// <summary>
/// The base of every exception Sluice throws on purpose. It says who is responsible
/// (<see cref="Domain"/>) and whether a retry may help (<see cref="Retry"/>).
/// </summary>
public class SluiceException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public SluiceException(string message, ErrorDomain domain = ErrorDomain.Internal, RetryHint retry = RetryHint.None,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Domain = domain;
        Retry = retry;
    }

    /// <summary>Who is responsible for the failure.</summary>
    public ErrorDomain Domain { get; }

    /// <summary>Whether a retry may succeed.</summary>
    public RetryHint Retry { get; }
}
