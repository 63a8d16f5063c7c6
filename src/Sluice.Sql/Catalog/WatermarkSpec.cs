using Sluice.Core.Types;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Catalog;

/// <summary>
/// The <c>WATERMARK FOR column AS expression</c> clause of a table: the row-time column and the expression that
/// bounds its out-of-orderness, with the resolved type of the expression. Immutable.
/// </summary>
/// <param name="RowTimeColumn">The name of the row-time column.</param>
/// <param name="Expression">The watermark expression over the table's columns.</param>
/// <param name="ExpressionType">The type of <paramref name="Expression"/>: a <c>TIMESTAMP</c> or <c>TIMESTAMP_LTZ</c>.</param>
public sealed record WatermarkSpec(string RowTimeColumn, SqlExpression Expression, DataType ExpressionType)
{
    /// <summary>The text of the expression as Flink shows it, column references in backticks (<c>`ts` - INTERVAL '5' SECOND</c>).</summary>
    public string ExpressionText => SqlFormatter.FormatWithQuotedColumns(Expression);

    /// <summary>The clause, for example <c>WATERMARK FOR `ts` AS `ts` - INTERVAL '5' SECOND</c>.</summary>
    public override string ToString() => $"WATERMARK FOR `{RowTimeColumn.Replace("`", "``", StringComparison.Ordinal)}` AS {ExpressionText}";
}
