using Sluice.Core.Errors;

namespace Sluice.Testing.Conformance;

/// <summary>A connector broke the source or sink contract that <see cref="SinkConformance"/> or <see cref="OptionConformance"/> checks.</summary>
public sealed class ConformanceException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    public ConformanceException(string message, Exception? innerException = null)
        : base(message, ErrorDomain.Internal, RetryHint.None, innerException)
    {
    }
}
