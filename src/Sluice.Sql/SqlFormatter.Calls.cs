using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>Function calls, their names and arguments, windows and interval qualifiers.</summary>
public sealed partial class SqlFormatter
{
    private void WriteFunctionCall(FunctionCall call)
    {
        if (IsJsonAggregate(call))
        {
            WriteJsonAggregate(call);
            return;
        }

        WriteFunctionName(call);
        if (!call.HasParentheses && call.Arguments.Count == 0)
        {
            WriteCallSuffix(call);
            return;
        }

        _out.Append('(');
        _out.Append(call.Quantifier switch
        {
            SetQuantifier.Distinct => "DISTINCT ",
            SetQuantifier.All => "ALL ",
            _ => string.Empty,
        });

        var quoteUnitNames = IsTimestampArithmetic(call);
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (i > 0)
            {
                _out.Append(", ");
            }

            var argument = call.Arguments[i];
            if (i == 0 && quoteUnitNames && argument is IdentifierExpression { Name.IsSimple: true } unitLike
                && TimeUnits.TryParse(unitLike.Name.Last.Value, out _))
            {
                WriteQuotedIdentifier(unitLike.Name.Last.Value);
            }
            else
            {
                WriteExpression(argument, Precedence.Lowest);
            }
        }

        if (call.NullTreatment != NullTreatment.Default)
        {
            _out.Append(call.NullTreatment == NullTreatment.Respect ? " RESPECT NULLS" : " IGNORE NULLS");
        }

        _out.Append(')');
        WriteCallSuffix(call);
    }

    /// <summary>True for <c>JSON_OBJECTAGG(k, v)</c> and <c>JSON_ARRAYAGG(v)</c> as the parser reads them.</summary>
    private static bool IsJsonAggregate(FunctionCall call) =>
        call.Name.IsSimple && call.Quantifier == SetQuantifier.None && call.NullTreatment == NullTreatment.Default
        && ((string.Equals(call.Name.Last.Value, "JSON_OBJECTAGG", StringComparison.OrdinalIgnoreCase) && call.Arguments.Count == 2)
            || (string.Equals(call.Name.Last.Value, "JSON_ARRAYAGG", StringComparison.OrdinalIgnoreCase) && call.Arguments.Count == 1));

    /// <summary><c>JSON_OBJECTAGG(KEY k VALUE v [NULL|ABSENT ON NULL])</c> / <c>JSON_ARRAYAGG(v [NULL|ABSENT ON NULL])</c>, then FILTER and OVER.</summary>
    private void WriteJsonAggregate(FunctionCall call)
    {
        if (call.Arguments.Count == 2)
        {
            _out.Append("JSON_OBJECTAGG(KEY ");
            WriteExpression(call.Arguments[0], Precedence.Lowest);
            _out.Append(" VALUE ");
            WriteExpression(call.Arguments[1], Precedence.Lowest);
        }
        else
        {
            _out.Append("JSON_ARRAYAGG(");
            WriteExpression(call.Arguments[0], Precedence.Lowest);
        }

        WriteJsonNullHandling(call.JsonNullHandling, afterItems: true);
        _out.Append(')');
        WriteCallSuffix(call);
    }

    private void WriteCallSuffix(FunctionCall call)
    {
        if (call.Filter is not null)
        {
            _out.Append(" FILTER (WHERE ");
            WriteExpression(call.Filter, Precedence.Lowest);
            _out.Append(')');
        }

        if (call.Over is not null)
        {
            _out.Append(" OVER ");
            if (call.Over.IsReference)
            {
                WriteIdentifier(call.Over.BaseWindow!);
            }
            else
            {
                WriteWindowSpecification(call.Over);
            }
        }
    }

    private static bool IsTimestampArithmetic(FunctionCall call) =>
        call.Name.IsSimple && (string.Equals(call.Name.Last.Value, "TIMESTAMPADD", StringComparison.OrdinalIgnoreCase)
                               || string.Equals(call.Name.Last.Value, "TIMESTAMPDIFF", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Writes a function's name, quoted when the bare name would be read as something else: a reserved word, or
    /// a function with its own argument syntax called with arguments that syntax does not accept.
    /// </summary>
    private void WriteFunctionName(FunctionCall call)
    {
        var name = call.Name;
        if (!name.IsSimple)
        {
            WriteName(name);
            return;
        }

        var value = name.Last.Value;
        var plain = call.Quantifier == SetQuantifier.None && call.Filter is null && call.Over is null;
        var upper = value.ToUpperInvariant();
        bool quote;
        if (upper is "TIMESTAMPADD" or "TIMESTAMPDIFF")
        {
            quote = !(plain && call.Arguments.Count >= 2 && call.Arguments[0] is TimeUnitExpression);
        }
        else if (upper is "SUBSTRING")
        {
            quote = !(plain && call.Arguments.Count is 2 or 3);
        }
        else if (upper is "FLOOR" or "CEIL" or "CEILING")
        {
            quote = !(plain && call.Arguments.Count >= 1);
        }
        else if (Keywords.NiladicFunctions.Contains(value))
        {
            quote = false;
        }
        else if (Keywords.SpecialFunctionNames.Contains(value))
        {
            quote = true;
        }
        else
        {
            quote = !IsPlainWord(value) || (Keywords.IsReserved(value) && !Keywords.ReservedFunctionNames.Contains(value));
        }

        if (quote)
        {
            WriteQuotedIdentifier(value);
        }
        else
        {
            _out.Append(value);
        }
    }

    private static bool IsPlainWord(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '$'))
            {
                return false;
            }
        }

        return true;
    }

    private void WriteTableArgument(TableArgument table)
    {
        _out.Append("TABLE ");
        WriteName(table.Table);
        if (table.PartitionBy.Count > 0)
        {
            _out.Append(" PARTITION BY ");
            if (table.PartitionBy.Count == 1 && table.PartitionBy[0] is not RowConstructor)
            {
                WriteExpression(table.PartitionBy[0], Precedence.Lowest);
            }
            else
            {
                _out.Append('(');
                WriteExpressions(table.PartitionBy);
                _out.Append(')');
            }
        }

        if (table.OrderBy.Count > 0)
        {
            _out.Append(" ORDER BY (");
            WriteList(table.OrderBy, WriteOrderItem);
            _out.Append(')');
        }
    }

    private void WriteWindowSpecification(WindowSpecification window)
    {
        _out.Append('(');
        var separator = string.Empty;
        if (window.BaseWindow is not null)
        {
            WriteIdentifier(window.BaseWindow);
            separator = " ";
        }

        if (window.PartitionBy.Count > 0)
        {
            _out.Append(separator).Append("PARTITION BY ");
            WriteExpressions(window.PartitionBy);
            separator = " ";
        }

        if (window.OrderBy.Count > 0)
        {
            _out.Append(separator).Append("ORDER BY ");
            WriteList(window.OrderBy, WriteOrderItem);
            separator = " ";
        }

        if (window.Frame is not null)
        {
            _out.Append(separator);
            WriteFrame(window.Frame);
        }

        _out.Append(')');
    }

    private void WriteFrame(WindowFrame frame)
    {
        _out.Append(frame.Unit == FrameUnit.Rows ? "ROWS " : "RANGE ");
        if (frame.End is null)
        {
            WriteFrameBound(frame.Start);
            return;
        }

        _out.Append("BETWEEN ");
        WriteFrameBound(frame.Start);
        _out.Append(" AND ");
        WriteFrameBound(frame.End);
    }

    private void WriteFrameBound(FrameBound bound)
    {
        switch (bound.Kind)
        {
            case FrameBoundKind.UnboundedPreceding:
                _out.Append("UNBOUNDED PRECEDING");
                break;
            case FrameBoundKind.UnboundedFollowing:
                _out.Append("UNBOUNDED FOLLOWING");
                break;
            case FrameBoundKind.CurrentRow:
                _out.Append("CURRENT ROW");
                break;
            default:
                if (bound.Offset is not null)
                {
                    WriteExpression(bound.Offset, Precedence.Additive);
                    _out.Append(' ');
                }

                _out.Append(bound.Kind == FrameBoundKind.Preceding ? "PRECEDING" : "FOLLOWING");
                break;
        }
    }

    private void WriteIntervalQualifier(IntervalQualifier qualifier)
    {
        _out.Append(TimeUnits.ToSql(qualifier.Start));
        if (qualifier.Start == TimeUnit.Second && qualifier.End is null)
        {
            if (qualifier.StartPrecision is { } leading)
            {
                _out.Append('(').Append(leading).Append(", ").Append(qualifier.FractionalPrecision ?? 6).Append(')');
            }
            else if (qualifier.FractionalPrecision is { } fractional)
            {
                _out.Append('(').Append(fractional).Append(')');
            }

            return;
        }

        if (qualifier.StartPrecision is { } precision)
        {
            _out.Append('(').Append(precision).Append(')');
        }

        if (qualifier.End is { } end)
        {
            _out.Append(" TO ").Append(TimeUnits.ToSql(end));
            if (end == TimeUnit.Second && qualifier.FractionalPrecision is { } fractional)
            {
                _out.Append('(').Append(fractional).Append(')');
            }
        }
    }
}
