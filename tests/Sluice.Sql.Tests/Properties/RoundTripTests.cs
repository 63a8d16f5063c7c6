using System.Collections;
using System.Reflection;
using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;
using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.Properties;

public class RoundTripTests
{
    public static TheoryData<int> CorpusIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < SqlCorpus.Statements.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusIndexes))]
    public void Format_ThenParse_GivesTheSameTree(int index)
    {
        var sql = SqlCorpus.Statements[index];
        var parsed = SqlParser.ParseStatement(sql);
        var canonical = SqlFormatter.Format(parsed);
        var reparsed = SqlParser.ParseStatement(canonical);

        Assert.Equal(canonical, SqlFormatter.Format(reparsed));
        EqualIgnoringSpans(parsed, reparsed);
    }

    [Theory]
    [MemberData(nameof(CorpusIndexes))]
    public void Parse_EveryNodeSpan_LiesInsideItsParent(int index)
    {
        var sql = SqlCorpus.Statements[index];
        var statement = SqlParser.ParseStatement(sql);
        Assert.Equal(sql.Trim(), statement.Span.TextOf(sql));
        CheckSpans(statement, new SourceSpan(0, sql.Length, 1, 1), "statement");
    }

    [Fact]
    public void ParseScript_WholeCorpus_RoundTripsAsOneScript()
    {
        var script = string.Join(";\n", SqlCorpus.Statements);
        var statements = SqlParser.ParseScript(script);
        Assert.Equal(SqlCorpus.Statements.Length, statements.Count);
        var formatted = SqlFormatter.FormatScript(statements);
        Assert.Equal(formatted, SqlFormatter.FormatScript(SqlParser.ParseScript(formatted)));
    }

    private static void CheckSpans(SqlNode node, SourceSpan parent, string path)
    {
        var span = node.Span;
        Assert.True(span.Start >= parent.Start && span.End <= parent.End && span.Start <= span.End,
            $"{path} ({node.GetType().Name}) span {span} is outside its parent {parent}");
        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            switch (property.GetValue(node))
            {
                case SqlNode child:
                    CheckSpans(child, span, $"{path}.{property.Name}");
                    break;
                case IEnumerable children and not string:
                    var i = 0;
                    foreach (var item in children)
                    {
                        if (item is SqlNode childNode)
                        {
                            CheckSpans(childNode, span, $"{path}.{property.Name}[{i}]");
                        }

                        i++;
                    }

                    break;
            }
        }
    }
}
