using Sluice.Core.Errors;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// A record could not be decoded: bad input data, a user error (<see cref="ErrorDomain.User"/>). The message names
/// the format, the record's location, the column and what was expected, for example
/// <c>Cannot decode file /data/a.csv, line 3 with format 'csv': column `price`: expected DECIMAL(10, 2), found 'abc'.</c>
/// </summary>
public class FormatParseException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="format">The format's name, e.g. <c>csv</c>.</param>
    /// <param name="location">Where the record came from.</param>
    /// <param name="column">The column (a path such as <c>address.zip</c> inside nested rows), or null for the whole record.</param>
    /// <param name="problem">What is wrong, e.g. <c>expected INT, found 'x'</c>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public FormatParseException(string format, RecordLocation location, string? column, string problem, Exception? innerException = null)
        : base(Describe(format, location, column, problem), ErrorDomain.User, RetryHint.None, innerException)
    {
        Format = format;
        Location = location;
        Column = column;
        Problem = problem;
    }

    /// <summary>The format's name.</summary>
    public string Format { get; }

    /// <summary>Where the record came from.</summary>
    public RecordLocation Location { get; }

    /// <summary>The column, or null when the whole record is malformed.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Describe(string format, RecordLocation location, string? column, string problem) =>
        column is null
            ? $"Cannot decode {location} with format '{format}': {problem}"
            : $"Cannot decode {location} with format '{format}': column `{column}`: {problem}";
}
