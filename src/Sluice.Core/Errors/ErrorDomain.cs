namespace Sluice.Core.Errors;

/// <summary>Who is responsible for a failure: decides how it is reported and whether a retry can help.</summary>
public enum ErrorDomain
{
    /// <summary>The user's input, query, configuration or data is wrong; retrying the same thing fails again.</summary>
    User,

    /// <summary>An external system (file system, broker, database) failed; a retry may succeed.</summary>
    External,

    /// <summary>A bug or broken invariant inside Sluice.</summary>
    Internal,
}
