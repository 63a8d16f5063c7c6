using System.Text;

namespace Sluice.Cli.Shell;

/// <summary>
/// Splits SQL typed line by line into statements that end in <c>;</c>. A <c>;</c> inside a string literal
/// (<c>'...'</c>, with <c>''</c> for a quote), a quoted identifier (<c>"..."</c> or <c>`...`</c>), a line comment
/// (<c>-- ...</c>) or a block comment (<c>/* ... */</c>) does not end a statement. Text that holds only whitespace and
/// comments is not a statement.
/// </summary>
/// <remarks>Not thread-safe. Independent of the line editor, so that it can be tested on its own.</remarks>
internal sealed class StatementSplitter
{
    private readonly StringBuilder _pending = new();
    private State _state;
    private bool _hasContent;

    private enum State
    {
        Code,
        SingleQuoted,
        DoubleQuoted,
        BackQuoted,
        LineComment,
        BlockComment,
    }

    /// <summary>True when nothing but whitespace and finished comments is pending (the shell shows its first prompt).</summary>
    public bool IsEmpty => !_hasContent && _state is State.Code or State.LineComment;

    /// <summary>The text of the unfinished statement.</summary>
    public string Pending => _pending.ToString();

    /// <summary>Splits a whole text: the complete statements (each with its <c>;</c>) and what follows the last one.</summary>
    public static (IReadOnlyList<string> Statements, string Remainder) Split(string text)
    {
        var splitter = new StatementSplitter();
        var statements = splitter.Add(text);
        return (statements, splitter.IsEmpty ? "" : splitter.Pending.Trim());
    }

    /// <summary>Adds one line (a line end is appended) and returns the statements it completed, in order.</summary>
    public IReadOnlyList<string> AddLine(string line) => Add(line + "\n");

    /// <summary>Adds text and returns the statements it completed, in order, each trimmed and ending in <c>;</c>.</summary>
    public IReadOnlyList<string> Add(string text)
    {
        var completed = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (_state)
            {
                case State.Code:
                    if (c == ';')
                    {
                        _pending.Append(c);
                        if (_hasContent)
                        {
                            completed.Add(_pending.ToString().Trim());
                        }

                        _pending.Clear();
                        _hasContent = false;
                        continue;
                    }

                    if (c == '-' && next == '-')
                    {
                        _state = State.LineComment;
                        _pending.Append("--");
                        i++;
                        continue;
                    }

                    if (c == '/' && next == '*')
                    {
                        _state = State.BlockComment;
                        _pending.Append("/*");
                        i++;
                        continue;
                    }

                    _state = c switch
                    {
                        '\'' => State.SingleQuoted,
                        '"' => State.DoubleQuoted,
                        '`' => State.BackQuoted,
                        _ => State.Code,
                    };
                    _hasContent |= !char.IsWhiteSpace(c);
                    _pending.Append(c);
                    break;
                case State.SingleQuoted:
                    _pending.Append(c);
                    if (c == '\'')
                    {
                        // A doubled quote ('') leaves and re-enters the literal: the same state either way.
                        _state = State.Code;
                    }

                    break;
                case State.DoubleQuoted:
                    _pending.Append(c);
                    if (c == '"')
                    {
                        _state = State.Code;
                    }

                    break;
                case State.BackQuoted:
                    _pending.Append(c);
                    if (c == '`')
                    {
                        _state = State.Code;
                    }

                    break;
                case State.LineComment:
                    _pending.Append(c);
                    if (c is '\n' or '\r')
                    {
                        _state = State.Code;
                    }

                    break;
                case State.BlockComment:
                    if (c == '*' && next == '/')
                    {
                        _pending.Append("*/");
                        i++;
                        _state = State.Code;
                    }
                    else
                    {
                        _pending.Append(c);
                    }

                    break;
            }
        }

        if (IsEmpty && _pending.Length > 0 && string.IsNullOrWhiteSpace(_pending.ToString()))
        {
            _pending.Clear();
        }

        return completed;
    }

    /// <summary>Drops the unfinished statement (Ctrl-C in the shell).</summary>
    public void Reset()
    {
        _pending.Clear();
        _state = State.Code;
        _hasContent = false;
    }
}
