using System.Text;

namespace Sluice.Integration.Tests.Support;

/// <summary>The captured output of child processes, thread-safe, for assertion messages.</summary>
internal sealed class ProcessLog
{
    private readonly object _lock = new();
    private readonly StringBuilder _text = new();

    public void Append(string tag, string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _text.Append('[').Append(tag).Append(' ').Append(stream).Append("] ").AppendLine(line);
        }
    }

    /// <summary>The log, cut to its last <paramref name="maxChars"/> characters.</summary>
    public string Tail(int maxChars = 20_000)
    {
        lock (_lock)
        {
            return _text.Length <= maxChars ? _text.ToString() : "...\n" + _text.ToString(_text.Length - maxChars, maxChars);
        }
    }
}
