namespace Sluice.Formats.Common;

/// <summary>
/// Thrown inside a decoder when a record does not parse; <see cref="RowDecoderBase"/> turns it into a
/// <see cref="Connectors.Abstractions.Table.FormatParseException"/> with the record's location, or skips the record.
/// </summary>
internal sealed class RecordParseError : Exception
{
    public RecordParseError(string? column, string problem, Exception? innerException = null)
        : base(problem, innerException)
    {
        Column = column;
        Problem = problem;
    }

    public RecordParseError()
        : this(null, "bad record")
    {
    }

    public RecordParseError(string message)
        : this(null, message)
    {
    }

    public RecordParseError(string message, Exception innerException)
        : this(null, message, innerException)
    {
    }

    /// <summary>The column path, or null for the whole record.</summary>
    public string? Column { get; }

    public string Problem { get; }
}
