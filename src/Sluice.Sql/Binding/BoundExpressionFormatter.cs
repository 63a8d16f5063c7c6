using System.Globalization;
using System.Text;
using Sluice.Core.Types;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Binding;

/// <summary>
/// Writes bound expressions as SQL-like text for plans and messages: operators infix with the fewest
/// parentheses, literals in SQL syntax, input columns by name (when a resolver is given) or as <c>$index</c>.
/// Stateless and thread-safe.
/// </summary>
public static class BoundExpressionFormatter
{
    private const int PrimaryPrecedence = 10;

    /// <summary>The text of <paramref name="expression"/>; <paramref name="inputName"/> names input columns (null: <c>$index</c>).</summary>
    public static string Format(BoundExpression expression, Func<int, string>? inputName)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var builder = new StringBuilder();
        Write(builder, expression, inputName, 0);
        return builder.ToString();
    }

    /// <summary>The text of a sort key: the expression, <c>ASC</c> or <c>DESC</c>, and the null order when it is not the default.</summary>
    public static string FormatSortKey(BoundSortKey key, Func<int, string>? inputName)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = Format(key.Expression, inputName) + (key.Descending ? " DESC" : " ASC");
        var defaultNullsFirst = !key.Descending;
        return key.NullsFirst == defaultNullsFirst ? text : text + (key.NullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }

    /// <summary>The SQL text of a literal, for example <c>'DL'</c>, <c>1.50</c>, <c>INTERVAL '10' MINUTE</c>, <c>NULL:INT</c>.</summary>
    public static string FormatLiteral(BoundLiteral literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        var type = literal.Type;
        var value = literal.Value;
        if (value is null)
        {
            return type.TypeId == TypeId.Null ? "NULL" : $"NULL:{type.Nullable()}";
        }

        switch (value)
        {
            case bool b:
                return b ? "TRUE" : "FALSE";
            case string s:
                return "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
            case byte[] bytes:
                return "X'" + Convert.ToHexString(bytes) + "'";
            case double d:
                return FormatApproximate(d);
            case float f:
                return FormatApproximate(f);
            case DateOnly date:
                return "DATE '" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";
            case TimeOnly time:
                return "TIME '" + time.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(time.Ticks, type.Precision) + "'";
            case DateTime timestamp:
            {
                var text = timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(timestamp.Ticks, type.Precision);
                return type.TypeId == TypeId.TimestampLtz
                    ? "TIMESTAMP WITH LOCAL TIME ZONE '" + text + "'"
                    : "TIMESTAMP '" + text + "'";
            }

            case long nanos when TimestampUnit.IsNanos(type):
            {
                var micros = TimestampUnit.ToMicros(nanos, type);
                var wall = TemporalConversions.ToDateTime(micros);
                var fraction = ((wall.Ticks % TimeSpan.TicksPerSecond / 10 * 1000) + TimestampUnit.NanoOfMicro(nanos, type))
                    .ToString("D9", CultureInfo.InvariantCulture)[..type.Precision];
                var text = wall.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "." + fraction;
                return type.TypeId == TypeId.TimestampLtz
                    ? "TIMESTAMP WITH LOCAL TIME ZONE '" + text + "'"
                    : "TIMESTAMP '" + text + "'";
            }

            case TimeSpan span:
                return FormatDayTimeInterval(span);
            case int months when type.TypeId == TypeId.IntervalYearMonth:
                return months % 12 == 0
                    ? "INTERVAL '" + (months / 12).ToString(CultureInfo.InvariantCulture) + "' YEAR"
                    : "INTERVAL '" + months.ToString(CultureInfo.InvariantCulture) + "' MONTH";
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            default:
                return value.ToString() ?? "";
        }
    }

    private static string FormatApproximate(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return $"CAST('{text}' AS DOUBLE)";
        }

        return text.Contains('E', StringComparison.Ordinal) ? text.Replace("E+", "E", StringComparison.Ordinal) : text + "E0";
    }

    private static string Fraction(long ticks, int precision)
    {
        if (precision <= 0)
        {
            return "";
        }

        var fraction = (ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture);
        fraction = precision <= 7 ? fraction[..precision] : fraction.PadRight(precision, '0');
        return "." + fraction;
    }

    private static string FormatDayTimeInterval(TimeSpan span)
    {
        var ticks = span.Ticks;
        (long Ticks, string Unit)[] units =
        [
            (TimeSpan.TicksPerDay, "DAY"),
            (TimeSpan.TicksPerHour, "HOUR"),
            (TimeSpan.TicksPerMinute, "MINUTE"),
            (TimeSpan.TicksPerSecond, "SECOND"),
        ];
        foreach (var (unitTicks, unit) in units)
        {
            if (ticks % unitTicks == 0)
            {
                return $"INTERVAL '{(ticks / unitTicks).ToString(CultureInfo.InvariantCulture)}' {unit}";
            }
        }

        var seconds = (decimal)ticks / TimeSpan.TicksPerSecond;
        return $"INTERVAL '{seconds.ToString(CultureInfo.InvariantCulture)}' SECOND";
    }

    private static void Write(StringBuilder builder, BoundExpression expression, Func<int, string>? inputName, int parentPrecedence)
    {
        switch (expression)
        {
            case BoundInputRef reference:
                builder.Append(inputName is null ? "$" + reference.Index.ToString(CultureInfo.InvariantCulture) : inputName(reference.Index));
                break;
            case BoundOuterRef outer:
                builder.Append(outer.Depth == 1 ? "$outer." : "$outer" + outer.Depth.ToString(CultureInfo.InvariantCulture) + ".").Append(outer.Name);
                break;
            case BoundLiteral literal:
                builder.Append(FormatLiteral(literal));
                break;
            case BoundSymbol symbol:
                builder.Append(symbol.Name);
                break;
            case BoundCast cast:
                builder.Append(cast.IsTry ? "TRY_CAST(" : "CAST(");
                Write(builder, cast.Operand, inputName, 0);
                builder.Append(" AS ").Append(cast.Type).Append(')');
                break;
            case BoundFieldAccess access:
                Write(builder, access.Target, inputName, PrimaryPrecedence);
                builder.Append('.').Append(access.FieldName);
                break;
            case BoundCase caseExpression:
                builder.Append("CASE");
                for (var i = 0; i < caseExpression.Conditions.Count; i++)
                {
                    builder.Append(" WHEN ");
                    Write(builder, caseExpression.Conditions[i], inputName, 0);
                    builder.Append(" THEN ");
                    Write(builder, caseExpression.Results[i], inputName, 0);
                }

                builder.Append(" ELSE ");
                Write(builder, caseExpression.Else, inputName, 0);
                builder.Append(" END");
                break;
            case BoundOverCall over:
                WriteFunction(builder, over.Function.Name, over.Operands, over.IsDistinct, inputName);
                builder.Append(" OVER (").Append(FormatWindow(over.Window, inputName)).Append(')');
                break;
            case BoundCall call:
                WriteCall(builder, call, inputName, parentPrecedence);
                break;
            default:
                builder.Append(expression.GetType().Name);
                break;
        }
    }

    /// <summary>The text of a window: <c>PARTITION BY ... ORDER BY ... frame</c>.</summary>
    public static string FormatWindow(BoundWindow window, Func<int, string>? inputName)
    {
        ArgumentNullException.ThrowIfNull(window);
        var parts = new List<string>();
        if (window.PartitionKeys.Count > 0)
        {
            parts.Add("PARTITION BY " + string.Join(", ", window.PartitionKeys.Select(k => Format(k, inputName))));
        }

        if (window.OrderKeys.Count > 0)
        {
            parts.Add("ORDER BY " + string.Join(", ", window.OrderKeys.Select(k => FormatSortKey(k, inputName))));
        }

        parts.Add(window.Frame.ToString());
        return string.Join(" ", parts);
    }

    private static void WriteCall(StringBuilder builder, BoundCall call, Func<int, string>? inputName, int parentPrecedence)
    {
        var function = call.Function;
        var operands = call.Operands;
        if (ReferenceEquals(function, BuiltInFunctions.ArrayConstructor) || ReferenceEquals(function, BuiltInFunctions.MapConstructor))
        {
            builder.Append(function.Name).Append('[');
            for (var i = 0; i < operands.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                Write(builder, operands[i], inputName, 0);
            }

            builder.Append(']');
            return;
        }

        if (ReferenceEquals(function, BuiltInFunctions.Item) && operands.Count == 2)
        {
            Write(builder, operands[0], inputName, PrimaryPrecedence);
            builder.Append('[');
            Write(builder, operands[1], inputName, 0);
            builder.Append(']');
            return;
        }

        if (ReferenceEquals(function, BuiltInFunctions.In) && operands.Count >= 2)
        {
            var precedence = Precedence(function);
            Open(builder, precedence, parentPrecedence);
            Write(builder, operands[0], inputName, precedence + 1);
            builder.Append(" IN (");
            for (var i = 1; i < operands.Count; i++)
            {
                if (i > 1)
                {
                    builder.Append(", ");
                }

                Write(builder, operands[i], inputName, 0);
            }

            builder.Append(')');
            Close(builder, precedence, parentPrecedence);
            return;
        }

        switch (function.Syntax)
        {
            case FunctionSyntax.Binary when operands.Count is 2 or 3:
            {
                var precedence = Precedence(function);
                Open(builder, precedence, parentPrecedence);
                // Left-associative: the left operand may have the same precedence without parentheses; AND and OR are
                // associative, so their right operand may too.
                var associative = function.Name is "AND" or "OR";
                Write(builder, operands[0], inputName, precedence);
                builder.Append(' ').Append(function.Name).Append(' ');
                Write(builder, operands[1], inputName, associative ? precedence : precedence + 1);
                if (operands.Count == 3)
                {
                    builder.Append(" ESCAPE ");
                    Write(builder, operands[2], inputName, precedence + 1);
                }

                Close(builder, precedence, parentPrecedence);
                return;
            }

            case FunctionSyntax.Prefix when operands.Count == 1:
            {
                var precedence = Precedence(function);
                Open(builder, precedence, parentPrecedence);
                builder.Append(function.Name);
                if (char.IsLetter(function.Name[^1]))
                {
                    builder.Append(' ');
                }

                Write(builder, operands[0], inputName, precedence);
                Close(builder, precedence, parentPrecedence);
                return;
            }

            case FunctionSyntax.Postfix when operands.Count == 1:
            {
                var precedence = Precedence(function);
                Open(builder, precedence, parentPrecedence);
                Write(builder, operands[0], inputName, precedence + 1);
                builder.Append(' ').Append(function.Name);
                Close(builder, precedence, parentPrecedence);
                return;
            }

            case FunctionSyntax.Niladic when operands.Count == 0:
                builder.Append(function.Name);
                return;
            default:
                WriteFunction(builder, function.Name, operands, false, inputName);
                return;
        }
    }

    private static void WriteFunction(StringBuilder builder, string name, IReadOnlyList<BoundExpression> operands, bool distinct,
        Func<int, string>? inputName)
    {
        builder.Append(name).Append('(');
        if (distinct)
        {
            builder.Append("DISTINCT ");
        }

        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Write(builder, operands[i], inputName, 0);
        }

        builder.Append(')');
    }

    private static void Open(StringBuilder builder, int precedence, int parentPrecedence)
    {
        if (precedence < parentPrecedence)
        {
            builder.Append('(');
        }
    }

    private static void Close(StringBuilder builder, int precedence, int parentPrecedence)
    {
        if (precedence < parentPrecedence)
        {
            builder.Append(')');
        }
    }

    private static int Precedence(FunctionDefinition function) => function.Name switch
    {
        "OR" => 1,
        "AND" => 2,
        "NOT" => 3,
        "+" or "-" when function.Syntax == FunctionSyntax.Binary => 5,
        "*" or "/" or "%" or "||" => 6,
        "-" => 7,
        _ => 4,
    };
}
