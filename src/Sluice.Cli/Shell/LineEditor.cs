using System.Globalization;
using System.Text;

namespace Sluice.Cli.Shell;

/// <summary>
/// A small line editor over single key presses (<see cref="CliConsole.ReadKey"/>): typing and deleting at the cursor,
/// left/right, Home/End (Ctrl-A/Ctrl-E), Ctrl-U/Ctrl-K/Ctrl-W to delete before/after the cursor or the previous word,
/// up/down through <see cref="LineHistory"/>, Ctrl-L to clear the screen, Ctrl-C to abandon the input, Ctrl-D on an
/// empty line to end the input. The line is redrawn with ANSI escape sequences, also when it wraps.
/// </summary>
/// <remarks>Not thread-safe. Ctrl-C arrives as a key while a line is read, as an interrupt otherwise.</remarks>
internal sealed class LineEditor
{
    private readonly CliConsole _console;
    private readonly LineHistory _history;
    private int _renderedCursorCell;

    /// <summary>Creates the editor.</summary>
    public LineEditor(CliConsole console, LineHistory history)
    {
        _console = console;
        _history = history;
    }

    /// <summary>Shows <paramref name="prompt"/> and reads one line.</summary>
    public LineRead ReadLine(string prompt)
    {
        _console.SetControlCAsInput(true);
        try
        {
            return Read(prompt);
        }
        finally
        {
            _console.SetControlCAsInput(false);
        }
    }

    private LineRead Read(string prompt)
    {
        var buffer = new StringBuilder();
        var cursor = 0;
        var historyIndex = _history.Entries.Count;
        var draft = "";
        _renderedCursorCell = 0;
        Redraw(prompt, buffer, cursor);
        while (true)
        {
            var key = _console.ReadKey();
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    MoveToEnd(prompt, buffer);
                    Write("\n");
                    var line = buffer.ToString();
                    _history.Add(line);
                    return new LineRead(LineReadKind.Line, line);
                case ConsoleKey.C when control:
                    MoveToEnd(prompt, buffer);
                    Write("^C\n");
                    return new LineRead(LineReadKind.Interrupted, "");
                case ConsoleKey.D when control:
                    if (buffer.Length == 0)
                    {
                        Write("\n");
                        return new LineRead(LineReadKind.EndOfInput, "");
                    }

                    if (cursor < buffer.Length)
                    {
                        buffer.Remove(cursor, 1);
                    }

                    break;
                case ConsoleKey.Backspace:
                    if (cursor > 0)
                    {
                        buffer.Remove(--cursor, 1);
                    }

                    break;
                case ConsoleKey.Delete:
                    if (cursor < buffer.Length)
                    {
                        buffer.Remove(cursor, 1);
                    }

                    break;
                case ConsoleKey.LeftArrow or ConsoleKey.B when key.Key == ConsoleKey.LeftArrow || control:
                    cursor = Math.Max(0, cursor - 1);
                    break;
                case ConsoleKey.RightArrow or ConsoleKey.F when key.Key == ConsoleKey.RightArrow || control:
                    cursor = Math.Min(buffer.Length, cursor + 1);
                    break;
                case ConsoleKey.Home or ConsoleKey.A when key.Key == ConsoleKey.Home || control:
                    cursor = 0;
                    break;
                case ConsoleKey.End or ConsoleKey.E when key.Key == ConsoleKey.End || control:
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.U when control:
                    buffer.Remove(0, cursor);
                    cursor = 0;
                    break;
                case ConsoleKey.K when control:
                    buffer.Remove(cursor, buffer.Length - cursor);
                    break;
                case ConsoleKey.W when control:
                    var start = cursor;
                    while (start > 0 && buffer[start - 1] == ' ')
                    {
                        start--;
                    }

                    while (start > 0 && buffer[start - 1] != ' ')
                    {
                        start--;
                    }

                    buffer.Remove(start, cursor - start);
                    cursor = start;
                    break;
                case ConsoleKey.L when control:
                    Write("\u001b[2J\u001b[H");
                    _renderedCursorCell = 0;
                    break;
                case ConsoleKey.UpArrow or ConsoleKey.P when key.Key == ConsoleKey.UpArrow || control:
                    if (historyIndex > 0)
                    {
                        if (historyIndex == _history.Entries.Count)
                        {
                            draft = buffer.ToString();
                        }

                        historyIndex--;
                        buffer.Clear().Append(_history.Entries[historyIndex]);
                        cursor = buffer.Length;
                    }

                    break;
                case ConsoleKey.DownArrow or ConsoleKey.N when key.Key == ConsoleKey.DownArrow || control:
                    if (historyIndex < _history.Entries.Count)
                    {
                        historyIndex++;
                        buffer.Clear().Append(historyIndex == _history.Entries.Count ? draft : _history.Entries[historyIndex]);
                        cursor = buffer.Length;
                    }

                    break;
                case ConsoleKey.Tab:
                    buffer.Insert(cursor, "    ");
                    cursor += 4;
                    break;
                default:
                    if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
                    {
                        buffer.Insert(cursor++, key.KeyChar);
                    }
                    else
                    {
                        continue;
                    }

                    break;
            }

            Redraw(prompt, buffer, cursor);
        }
    }

    /// <summary>
    /// Redraws prompt and buffer from where the previous drawing started, clears what is left of it, and puts the
    /// cursor at <paramref name="cursor"/>; wrapped lines are handled by counting cells of the terminal's width.
    /// </summary>
    private void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        var width = Math.Max(10, _console.WindowWidth());
        var output = new StringBuilder();
        var up = _renderedCursorCell / width;
        if (up > 0)
        {
            output.Append(CultureInfo.InvariantCulture, $"\u001b[{up}A");
        }

        output.Append('\r').Append(prompt).Append(buffer);
        var endCell = prompt.Length + buffer.Length;
        if (endCell > 0 && endCell % width == 0)
        {
            // At the last column the terminal has not wrapped yet: force the wrap so the cell arithmetic holds.
            output.Append(" \r");
        }

        output.Append("\u001b[J");
        var cursorCell = prompt.Length + cursor;
        var back = (endCell / width) - (cursorCell / width);
        if (back > 0)
        {
            output.Append(CultureInfo.InvariantCulture, $"\u001b[{back}A");
        }

        output.Append('\r');
        if (cursorCell % width > 0)
        {
            output.Append(CultureInfo.InvariantCulture, $"\u001b[{cursorCell % width}C");
        }

        _renderedCursorCell = cursorCell;
        Write(output.ToString());
    }

    private void MoveToEnd(string prompt, StringBuilder buffer) => Redraw(prompt, buffer, buffer.Length);

    private void Write(string text)
    {
        _console.Out.Write(text);
        _console.Out.Flush();
    }
}
