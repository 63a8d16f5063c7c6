using Sluice.Core.Errors;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// A table's <c>WITH</c> clause is wrong: an unknown or misspelled option, a missing required option, a value of the
/// wrong type, or a <c>'connector'</c> / <c>'format'</c> without a factory. A user error
/// (<see cref="ErrorDomain.User"/>): the message names the option exactly as written and the connector or format.
/// </summary>
public class TableOptionException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message, naming the option and its owner.</param>
    /// <param name="optionKey">The option's key as written in the <c>WITH</c> clause, or null.</param>
    /// <param name="owner">What the option belongs to, e.g. <c>connector 'filesystem'</c>, or null.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TableOptionException(string message, string? optionKey = null, string? owner = null, Exception? innerException = null)
        : base(message, ErrorDomain.User, RetryHint.None, innerException)
    {
        OptionKey = optionKey;
        Owner = owner;
    }

    /// <summary>The option's key as written in the <c>WITH</c> clause, or null when the error concerns no single option.</summary>
    public string? OptionKey { get; }

    /// <summary>What the option belongs to, e.g. <c>connector 'filesystem'</c> or <c>format 'csv'</c>, or null.</summary>
    public string? Owner { get; }
}
