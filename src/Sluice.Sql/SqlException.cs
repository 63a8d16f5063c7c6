using Sluice.Core.Errors;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>
/// A user error in SQL text, positioned at the offending source range. The <see cref="Exception.Message"/> reads
/// <c>line L, column C: reason</c>.
/// </summary>
public class SqlException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The class of error.</param>
    /// <param name="span">Where the error is.</param>
    /// <param name="reason">What is wrong, without the position.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public SqlException(SqlErrorCode code, SourceSpan span, string reason, Exception? innerException = null)
        : base($"line {span.Line}, column {span.Column}: {reason}", ErrorDomain.User, RetryHint.None, innerException)
    {
        Code = code;
        Span = span;
        Reason = reason;
    }

    /// <summary>The class of error.</summary>
    public SqlErrorCode Code { get; }

    /// <summary>Where the error is in the source.</summary>
    public SourceSpan Span { get; }

    /// <summary>The 1-based line of the error.</summary>
    public int Line => Span.Line;

    /// <summary>The 1-based column of the error.</summary>
    public int Column => Span.Column;

    /// <summary>What is wrong, without the position prefix.</summary>
    public string Reason { get; }
}
