using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Builtin.Print;

/// <summary>
/// Writes every row to a <see cref="TextWriter"/> in Flink's notation, one per line: <c>+I[1, a]</c>, with a prefix
/// as Flink writes it: <c>id&gt; </c> with a print identifier, <c>id:2&gt; </c> or <c>2&gt; </c> (the 1-based subtask)
/// when the sink runs in parallel. Accepts every row kind. Not transactional: rows appear as they are written, so
/// after a failure some may appear twice. See <see cref="RowPrinter"/> for the values.
/// </summary>
/// <remarks>Writers of all subtasks share the text writer: pass a synchronized one (the console's are).</remarks>
public sealed class PrintSink : ISink<NoCommit>
{
    private readonly TextWriter _output;
    private readonly string? _identifier;

    /// <summary>Creates the sink.</summary>
    /// <param name="output">Where rows are written (e.g. <see cref="Console.Out"/>); used by every subtask.</param>
    /// <param name="identifier">The <c>print-identifier</c>, or null for none.</param>
    public PrintSink(TextWriter output, string? identifier = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _identifier = identifier;
    }

    /// <inheritdoc />
    public ITypeSerializer<NoCommit> CommittableSerializer => NoCommit.Serializer;

    /// <inheritdoc />
    public ISinkWriter<NoCommit> CreateWriter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PrintSinkWriter(_output, Prefix(_identifier, context.SubtaskIndex, context.Parallelism));
    }

    /// <inheritdoc />
    public ISinkCommitter<NoCommit> CreateCommitter(SinkContext context) => NoCommitter.Instance;

    /// <summary>Flink's line prefix: <c>id&gt; </c>, <c>id:2&gt; </c>, <c>2&gt; </c> or nothing.</summary>
    public static string Prefix(string? identifier, int subtaskIndex, int parallelism)
    {
        var prefix = identifier ?? "";
        if (parallelism > 1)
        {
            prefix += (prefix.Length > 0 ? ":" : "") + (subtaskIndex + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return prefix.Length > 0 ? prefix + "> " : "";
    }
}
