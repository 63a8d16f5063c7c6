namespace Sluice.Cli.Commands;

/// <summary>A call to a Sluice server failed; the message says why, for the user.</summary>
internal sealed class ServerCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServerCallException(string message)
        : base(message)
    {
    }
}
