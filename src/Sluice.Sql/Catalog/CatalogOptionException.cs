using Sluice.Core.Errors;

namespace Sluice.Sql.Catalog;

/// <summary>
/// A <c>CREATE CATALOG</c>'s options are wrong, or the system the catalog reflects cannot be reached with them. A user
/// error; the DDL executor positions it at the option it names (or the statement).
/// </summary>
public sealed class CatalogOptionException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="optionKey">The option concerned, or null.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CatalogOptionException(string message, string? optionKey = null, Exception? innerException = null)
        : base(message, ErrorDomain.User, RetryHint.None, innerException)
    {
        OptionKey = optionKey;
    }

    /// <summary>The option concerned, as written, or null.</summary>
    public string? OptionKey { get; }
}
