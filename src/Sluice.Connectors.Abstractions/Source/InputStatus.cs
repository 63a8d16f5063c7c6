namespace Sluice.Connectors.Abstractions.Source;

/// <summary>What a source reader reports after a poll: an expected outcome, not an exception.</summary>
public enum InputStatus
{
    /// <summary>More data is available now; poll again.</summary>
    MoreAvailable,

    /// <summary>Nothing is available now; the task waits a little (handling mails) and polls again.</summary>
    NothingAvailable,

    /// <summary>Every split of this reader is finished.</summary>
    EndOfInput,
}
