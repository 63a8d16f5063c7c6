using System.Globalization;
using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary><c>MATCH_RECOGNIZE</c> and its row patterns.</summary>
public sealed partial class SqlFormatter
{
    private const int PatternAlternation = 0;
    private const int PatternConcatenation = 1;
    private const int PatternQuantifierOperand = 2;

    private void WriteMatchRecognize(MatchRecognizeReference match)
    {
        WriteTableReference(match.Input);
        _out.Append(" MATCH_RECOGNIZE (");
        var first = true;
        void Clause(string keyword)
        {
            _out.Append(first ? string.Empty : " ").Append(keyword);
            first = false;
        }

        if (match.PartitionBy.Count > 0)
        {
            Clause("PARTITION BY ");
            WriteExpressions(match.PartitionBy);
        }

        if (match.OrderBy.Count > 0)
        {
            Clause("ORDER BY ");
            for (var i = 0; i < match.OrderBy.Count; i++)
            {
                _out.Append(i == 0 ? string.Empty : ", ");
                WriteOrderItem(match.OrderBy[i]);
            }
        }

        if (match.Measures.Count > 0)
        {
            Clause("MEASURES ");
            for (var i = 0; i < match.Measures.Count; i++)
            {
                _out.Append(i == 0 ? string.Empty : ", ");
                WriteMatchMeasure(match.Measures[i]);
            }
        }

        if (match.OneRowPerMatch)
        {
            Clause("ONE ROW PER MATCH");
        }

        if (match.AfterMatch is { } skip)
        {
            Clause(string.Empty);
            WriteMatchSkip(skip);
        }

        Clause("PATTERN (");
        WriteRowPattern(match.Pattern, PatternAlternation);
        _out.Append(')');
        if (match.Within is { } within)
        {
            Clause("WITHIN ");
            WriteExpression(within, Precedence.Lowest);
        }

        if (match.Subsets.Count > 0)
        {
            Clause("SUBSET ");
            for (var i = 0; i < match.Subsets.Count; i++)
            {
                _out.Append(i == 0 ? string.Empty : ", ");
                WriteMatchSubset(match.Subsets[i]);
            }
        }

        Clause("DEFINE ");
        for (var i = 0; i < match.Definitions.Count; i++)
        {
            _out.Append(i == 0 ? string.Empty : ", ");
            WriteMatchDefinition(match.Definitions[i]);
        }

        _out.Append(')');
        WriteAlias(match.Alias);
    }

    private void WriteMatchRecognizePart(SqlNode node)
    {
        switch (node)
        {
            case MatchMeasure measure:
                WriteMatchMeasure(measure);
                break;
            case MatchDefinition definition:
                WriteMatchDefinition(definition);
                break;
            case MatchSubset subset:
                WriteMatchSubset(subset);
                break;
            case MatchSkip skip:
                WriteMatchSkip(skip);
                break;
            case RowPattern pattern:
                WriteRowPattern(pattern, PatternAlternation);
                break;
        }
    }

    private void WriteMatchMeasure(MatchMeasure measure)
    {
        WriteExpression(measure.Expression, Precedence.Lowest);
        _out.Append(" AS ");
        WriteIdentifier(measure.Name);
    }

    private void WriteMatchDefinition(MatchDefinition definition)
    {
        WriteIdentifier(definition.Variable);
        _out.Append(" AS ");
        WriteExpression(definition.Condition, Precedence.Lowest);
    }

    private void WriteMatchSubset(MatchSubset subset)
    {
        WriteIdentifier(subset.Name);
        _out.Append(" = ");
        WriteIdentifierList(subset.Variables);
    }

    private void WriteMatchSkip(MatchSkip skip)
    {
        _out.Append(skip.Kind switch
        {
            MatchSkipKind.PastLastRow => "AFTER MATCH SKIP PAST LAST ROW",
            MatchSkipKind.ToNextRow => "AFTER MATCH SKIP TO NEXT ROW",
            MatchSkipKind.ToFirst => "AFTER MATCH SKIP TO FIRST ",
            MatchSkipKind.ToLast => "AFTER MATCH SKIP TO LAST ",
            _ => "AFTER MATCH SKIP TO ",
        });
        if (skip.Variable is { } variable)
        {
            WriteIdentifier(variable);
        }
    }

    /// <summary>A row pattern; <paramref name="level"/> says which operators need parentheses here.</summary>
    private void WriteRowPattern(RowPattern pattern, int level)
    {
        switch (pattern)
        {
            case RowPatternVariable variable:
                WriteIdentifier(variable.Name);
                break;
            case RowPatternAlternation alternation:
                _out.Append(level > PatternAlternation ? "(" : string.Empty);
                for (var i = 0; i < alternation.Alternatives.Count; i++)
                {
                    _out.Append(i == 0 ? string.Empty : " | ");
                    WriteRowPattern(alternation.Alternatives[i], PatternConcatenation);
                }

                _out.Append(level > PatternAlternation ? ")" : string.Empty);
                break;
            case RowPatternConcatenation concatenation:
                _out.Append(level > PatternConcatenation ? "(" : string.Empty);
                for (var i = 0; i < concatenation.Items.Count; i++)
                {
                    _out.Append(i == 0 ? string.Empty : " ");
                    WriteRowPattern(concatenation.Items[i], concatenation.Items[i] is RowPatternConcatenation ? PatternQuantifierOperand : PatternConcatenation);
                }

                _out.Append(level > PatternConcatenation ? ")" : string.Empty);
                break;
            case RowPatternQuantified quantified:
                _out.Append(level > PatternConcatenation ? "(" : string.Empty);
                WriteRowPattern(quantified.Pattern, PatternQuantifierOperand);
                _out.Append(QuantifierText(quantified.Min, quantified.Max));
                _out.Append(quantified.Reluctant ? "?" : string.Empty);
                _out.Append(level > PatternConcatenation ? ")" : string.Empty);
                break;
        }
    }

    private static string QuantifierText(int min, int? max) => (min, max) switch
    {
        (0, null) => "*",
        (1, null) => "+",
        (0, 1) => "?",
        (_, null) => string.Create(CultureInfo.InvariantCulture, $"{{{min},}}"),
        (0, _) => string.Create(CultureInfo.InvariantCulture, $"{{,{max}}}"),
        _ when min == max => string.Create(CultureInfo.InvariantCulture, $"{{{min}}}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{{{min},{max}}}"),
    };
}
