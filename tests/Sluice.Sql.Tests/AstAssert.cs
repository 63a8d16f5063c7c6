using System.Collections;
using System.Reflection;
using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Tests;

/// <summary>Helpers shared by the parser tests.</summary>
public static class AstAssert
{
    /// <summary>The canonical text of one parsed statement.</summary>
    public static string Canonical(string sql) => SqlFormatter.Format(SqlParser.ParseStatement(sql));

    /// <summary>The canonical text of one parsed expression.</summary>
    public static string CanonicalExpression(string sql) => SqlFormatter.Format(SqlParser.ParseExpression(sql));

    /// <summary>Parses one statement and checks its type.</summary>
    public static T Statement<T>(string sql)
        where T : SqlStatement => Assert.IsType<T>(SqlParser.ParseStatement(sql));

    /// <summary>Parses one query and returns its single SELECT block.</summary>
    public static SelectQuery Select(string sql) => Assert.IsType<SelectQuery>(SqlParser.ParseQuery(sql));

    /// <summary>Parses an expression and checks its type.</summary>
    public static T Expression<T>(string sql)
        where T : SqlExpression => Assert.IsType<T>(SqlParser.ParseExpression(sql));

    /// <summary>Asserts the statement fails with a positioned error whose message is exactly <paramref name="message"/>.</summary>
    public static SqlException Fails(string sql, string message)
    {
        var error = Assert.Throws<SqlException>(() => SqlParser.ParseScript(sql));
        Assert.Equal(message, error.Message);
        return error;
    }

    /// <summary>Asserts that two trees are equal apart from source spans.</summary>
    public static void EqualIgnoringSpans(object? expected, object? actual, string path = "root")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {expected ?? "null"} vs {actual ?? "null"}");
            return;
        }

        Assert.True(expected.GetType() == actual.GetType(), $"{path}: {expected.GetType().Name} vs {actual.GetType().Name}");
        switch (expected)
        {
            case SqlNode:
                foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.PropertyType == typeof(SourceSpan) || property.GetIndexParameters().Length > 0
                        || property.Name == "EqualityContract")
                    {
                        continue;
                    }

                    EqualIgnoringSpans(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
                }

                break;
            case string or ValueType:
                Assert.True(expected.Equals(actual), $"{path}: '{expected}' vs '{actual}'");
                break;
            case IEnumerable sequence:
            {
                var left = sequence.Cast<object?>().ToList();
                var right = ((IEnumerable)actual).Cast<object?>().ToList();
                Assert.True(left.Count == right.Count, $"{path}: {left.Count} items vs {right.Count}");
                for (var i = 0; i < left.Count; i++)
                {
                    EqualIgnoringSpans(left[i], right[i], $"{path}[{i}]");
                }

                break;
            }

            default:
                Assert.Equal(expected, actual);
                break;
        }
    }

    /// <summary>Asserts that an error's span lies inside <paramref name="sql"/> and its line and column match its offset.</summary>
    public static void PositionIsValid(SqlException error, string sql)
    {
        var span = error.Span;
        Assert.True(span.Start >= 0 && span.Start <= span.End && span.End <= sql.Length,
            $"span {span} outside input of length {sql.Length}");
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < span.Start; i++)
        {
            var c = sql[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= sql.Length || sql[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        Assert.True(line == span.Line && span.Start - lineStart + 1 == span.Column,
            $"span {span} does not match line {line}, column {span.Start - lineStart + 1}");
        Assert.StartsWith($"line {span.Line}, column {span.Column}: ", error.Message, StringComparison.Ordinal);
    }
}
