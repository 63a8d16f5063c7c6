using System.Globalization;
using System.Text;

namespace Sluice.Sql.Planning;

/// <summary>
/// The result of a DDL or utility statement: nothing (<see cref="Ok"/>), or rows with named columns
/// (<c>SHOW</c>, <c>DESCRIBE</c>, <c>EXPLAIN</c>). Values are strings, booleans or null. Immutable.
/// </summary>
public sealed class StatementResult
{
    private StatementResult(IReadOnlyList<string> columnNames, IReadOnlyList<IReadOnlyList<object?>> rows, bool hasRows)
    {
        ColumnNames = columnNames;
        Rows = rows;
        HasRows = hasRows;
    }

    /// <summary>A statement that succeeded without output.</summary>
    public static StatementResult Ok { get; } = new([], [], false);

    /// <summary>The column names (empty for <see cref="Ok"/>).</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The rows, one value per column.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }

    /// <summary>True when the statement produces rows (possibly none).</summary>
    public bool HasRows { get; }

    /// <summary>A result with rows.</summary>
    public static StatementResult Of(IReadOnlyList<string> columnNames, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToArray();
        if (list.Any(r => r.Count != columnNames.Count))
        {
            throw new ArgumentException("Every row needs one value per column.", nameof(rows));
        }

        return new StatementResult(columnNames.ToArray(), list, true);
    }

    /// <summary>A result of one column of strings.</summary>
    public static StatementResult OfStrings(string columnName, IEnumerable<string> values) =>
        Of([columnName], values.Select(v => (IReadOnlyList<object?>)[v]));

    /// <summary>
    /// The result as a boxed text table, as Flink's SQL client prints it (<c>OK</c> for a statement without a result,
    /// <c>Empty set</c> for a result of no rows):
    /// booleans upper-case, null as <c>&lt;NULL&gt;</c>, multi-line values (plans) printed below the table.
    /// </summary>
    public override string ToString()
    {
        if (!HasRows)
        {
            return "OK";
        }

        if (Rows.Count == 0)
        {
            // As Flink's tableau printing of a result without rows (SHOW TABLES of an empty database, a filtered SHOW).
            return "Empty set\n";
        }

        var cells = Rows.Select(r => r.Select(Cell).ToArray()).ToList();
        if (ColumnNames.Count == 1 && cells.Any(r => r[0].Contains('\n', StringComparison.Ordinal)))
        {
            return string.Join("\n", cells.Select(r => r[0].TrimEnd('\n'))) + "\n";
        }

        var widths = ColumnNames.Select((name, c) => Math.Max(name.Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length))).ToArray();
        var builder = new StringBuilder();
        var border = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+\n";
        builder.Append(border);
        AppendRow(builder, ColumnNames.ToArray(), widths);
        builder.Append(border);
        foreach (var row in cells)
        {
            AppendRow(builder, row, widths);
        }

        builder.Append(border);
        builder.Append(Rows.Count.ToString(CultureInfo.InvariantCulture)).Append(Rows.Count == 1 ? " row in set\n" : " rows in set\n");
        return builder.ToString();
    }

    private static void AppendRow(StringBuilder builder, string[] values, int[] widths)
    {
        builder.Append('|');
        for (var i = 0; i < values.Length; i++)
        {
            builder.Append(' ').Append(values[i].PadLeft(widths[i])).Append(" |");
        }

        builder.Append('\n');
    }

    private static string Cell(object? value) => value switch
    {
        null => "<NULL>",
        bool b => b ? "TRUE" : "FALSE",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
