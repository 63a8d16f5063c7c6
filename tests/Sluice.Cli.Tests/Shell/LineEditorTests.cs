using System.Text.RegularExpressions;
using Sluice.Cli.Shell;

namespace Sluice.Cli.Tests.Shell;

public partial class LineEditorTests
{
    private static (LineEditor Editor, StringWriter Output) Create(LineHistory history, params ConsoleKeyInfo[] keys)
    {
        var queue = new Queue<ConsoleKeyInfo>(keys);
        var output = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = new StringWriter(),
            In = TextReader.Null,
            CurrentDirectory = Path.GetTempPath(),
            KeyReader = queue.Dequeue,
        };
        return (new LineEditor(console, history), output);
    }

    private static ConsoleKeyInfo Key(char c) => new(c, c is >= 'a' and <= 'z' ? (ConsoleKey)char.ToUpperInvariant(c) : 0, false, false, false);

    private static ConsoleKeyInfo Key(ConsoleKey key, bool control = false) => new('\0', key, false, false, control);

    private static ConsoleKeyInfo[] Type(string text) => [.. text.Select(Key)];

    [Fact]
    public void ReadLine_TypedText_IsReturnedAtEnter_AndAddedToHistory()
    {
        var history = LineHistory.InMemory();
        var (editor, output) = Create(history, [.. Type("show tables;"), Key(ConsoleKey.Enter)]);

        var read = editor.ReadLine("sluice> ");

        Assert.Equal(new LineRead(LineReadKind.Line, "show tables;"), read);
        Assert.Equal(["show tables;"], history.Entries);
        Assert.StartsWith("\rsluice> ", output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLine_EditingKeys_InsertAndDeleteAtTheCursor()
    {
        var (editor, _) = Create(LineHistory.InMemory(),
        [
            .. Type("selct"), Key(ConsoleKey.LeftArrow), Key(ConsoleKey.LeftArrow), Key('e'), Key(ConsoleKey.End), Key(ConsoleKey.Backspace),
            Key('t'), Key(ConsoleKey.Home), Key(ConsoleKey.Delete), Key('S'), Key(ConsoleKey.Enter),
        ]);

        Assert.Equal("Select", editor.ReadLine("> ").Text);
    }

    [Fact]
    public void ReadLine_UpAndDown_WalkTheHistoryAndBackToTheDraft()
    {
        var history = LineHistory.InMemory();
        history.Add("first");
        history.Add("second");
        var (editor, _) = Create(history,
            [Key('x'), Key(ConsoleKey.UpArrow), Key(ConsoleKey.UpArrow), Key(ConsoleKey.UpArrow), Key(ConsoleKey.DownArrow), Key(ConsoleKey.Enter)]);

        Assert.Equal("second", editor.ReadLine("> ").Text);

        var (again, _) = Create(history, [Key('x'), Key(ConsoleKey.UpArrow), Key(ConsoleKey.DownArrow), Key(ConsoleKey.Enter)]);
        Assert.Equal("x", again.ReadLine("> ").Text);
    }

    [Fact]
    public void ReadLine_ControlC_Interrupts_ControlDOnAnEmptyLine_EndsTheInput()
    {
        var (editor, output) = Create(LineHistory.InMemory(), [Key('a'), Key(ConsoleKey.C, control: true), Key(ConsoleKey.D, control: true)]);

        Assert.Equal(LineReadKind.Interrupted, editor.ReadLine("> ").Kind);
        Assert.Contains("^C", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(LineReadKind.EndOfInput, editor.ReadLine("> ").Kind);
    }

    [Fact]
    public void ReadLine_ControlW_DeletesThePreviousWord_ControlU_TheStart()
    {
        var (editor, _) = Create(LineHistory.InMemory(),
            [.. Type("select foo bar"), Key(ConsoleKey.W, control: true), .. Type("baz"), Key(ConsoleKey.Enter)]);
        Assert.Equal("select foo baz", editor.ReadLine("> ").Text);

        var (other, _) = Create(LineHistory.InMemory(), [.. Type("abc"), Key(ConsoleKey.U, control: true), .. Type("d"), Key(ConsoleKey.Enter)]);
        Assert.Equal("d", other.ReadLine("> ").Text);
    }

    [Fact]
    public void ReadLine_LineLongerThanTheTerminal_RedrawsFromTheFirstRow()
    {
        var queue = new Queue<ConsoleKeyInfo>([.. Type("abcdefghijklmnop"), Key(ConsoleKey.Enter)]);
        var output = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = new StringWriter(),
            In = TextReader.Null,
            CurrentDirectory = Path.GetTempPath(),
            KeyReader = queue.Dequeue,
            WindowWidth = () => 10,
        };

        Assert.Equal("abcdefghijklmnop", new LineEditor(console, LineHistory.InMemory()).ReadLine("> ").Text);

        // Once the text wrapped (prompt + 8 characters fill the first row), every redraw first moves up one row.
        Assert.Contains("\u001b[1A\r> abcdefghij", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(CursorUpBeyondOneRow().Matches(output.ToString()));
    }

    [Fact]
    public void History_PersistedInItsFile_LoadedByTheNextSession()
    {
        var path = Path.Combine(Path.GetTempPath(), "sluice-history-" + Guid.NewGuid().ToString("N"));
        try
        {
            var history = LineHistory.Load(path);
            history.Add("SHOW TABLES;");
            history.Add("SHOW TABLES;");
            history.Add("  ");
            history.Add("SELECT 1;");

            Assert.Equal(["SHOW TABLES;", "SELECT 1;"], LineHistory.Load(path).Entries);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"\u001b\[[2-9]A")]
    private static partial Regex CursorUpBeyondOneRow();
}
